using Forum.Core.Complaints;
using Forum.Data.Complaints;
using Forum.Data.Demo;
using Forum.Data.Generator;
using Microsoft.Extensions.Time.Testing;

namespace Forum.Tests.Data.Database;

public class GeneratorTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Generate_AppendsThreadsAndPosts_ThatTheListPagesRead(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));
        await new DemoDataSeeder(test.Database, time).SeedIfEmptyAsync(TestContext.Current.CancellationToken);

        var result = await new SyntheticDataGenerator(test.Database, time, new Forum.Core.Escalation.EscalationPolicy(new Forum.Core.Escalation.EscalationOptions())).GenerateAsync(1_000, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(1_000, result.Threads);
        Assert.True(result.Posts >= 1_000);
        var data = new TestData(test.Database);
        Assert.Equal(DemoContent.Threads.Length + 1_000, await data.ScalarAsync<int>("SELECT COUNT(*) FROM Threads"));
        var page = await new ThreadRepository(test.Database).ListAsync(new ThreadListQuery { Status = ThreadStatus.Closed }, TestContext.Current.CancellationToken);
        Assert.Equal(20, page.Items.Count);
        Assert.All(page.Items, t => Assert.Equal(ThreadStatus.Closed, t.Status));
    }
}
