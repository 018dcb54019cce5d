namespace Forum.Bench;

/// <summary>
/// <c>dotnet Forum.Bench.dll &lt;command&gt; [options]</c> (or <c>dotnet run --project Forum.Bench -c Release -- …</c>):
/// the commands behind README "Benchmarks" and scripts/bench-*.sh. Configuration is the forum's own (environment
/// variables such as <c>Forum__DataDirectory</c>, command-line <c>--Forum:…</c>).
/// </summary>
public static class BenchProgram
{
    public static async Task<int> Main(string[] args) => args switch
    {
        ["generate-data", ..] => await GenerateDataCommand.RunAsync(args[1..]),
        ["bench-briefing", ..] => await BenchBriefingCommand.RunAsync(args[1..]),
        ["bench-search", ..] => await BenchSearchCommand.RunAsync(args[1..]),
        ["bench-escalation", ..] => await BenchEscalationCommand.RunAsync(args[1..]),
        ["bench-notify", ..] => await BenchNotifyCommand.RunAsync(args[1..]),
        ["load-test", ..] => await LoadTestCommand.RunAsync(args[1..]),
        ["bench-create", ..] => await BenchCreateCommand.RunAsync(args[1..]),
        ["bench-thread-data", ..] => await BenchThreadCommand.RunAsync(args[1..]),
        ["bench-consoles", ..] => await BenchConsolesCommand.RunAsync(args[1..]),
        _ => await UsageAsync(),
    };

    private static async Task<int> UsageAsync()
    {
        await Console.Error.WriteLineAsync("usage: Forum.Bench generate-data|bench-briefing|bench-search|bench-escalation|bench-notify|bench-create|bench-thread-data|bench-consoles|load-test [options]");
        return 2;
    }
}
