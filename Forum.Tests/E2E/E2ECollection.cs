namespace Forum.Tests.E2E;

/// <summary>
/// Browser tests run one at a time, after the parallel tests: Chromium, Kestrel and Hangfire's schedulers compete
/// badly for two cores, and a starved browser test fails on a timeout rather than on a defect.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class E2ECollection
{
    public const string Name = "E2E";
}
