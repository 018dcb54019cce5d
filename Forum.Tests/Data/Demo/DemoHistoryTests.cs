using Dapper;
using Forum.Core.Complaints;
using Forum.Data.Demo;
using Microsoft.Extensions.Time.Testing;

namespace Forum.Tests.Data.Demo;

/// <summary>Demo complaints carry the past they would have had: follow-ups on the closed ones.</summary>
public class DemoHistoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Content_EveryClosedComplaintIsRated_AfterItsClosingAndBeforeNow()
    {
        Assert.All(DemoContent.Threads, thread =>
        {
            Assert.Equal(thread.Status == ThreadStatus.Closed, thread.Rating is not null);
            if (thread.Rating is { } rating)
            {
                Assert.InRange(rating.Stars, 1, 5);
                Assert.False(string.IsNullOrWhiteSpace(rating.Comment));
                Assert.True(thread.ClosedAfter!.Value + rating.AfterClosing < thread.Age, thread.Title);
            }
        });
        Assert.True(DemoContent.Threads.Select(t => t.Rating?.Stars).OfType<int>().Distinct().Count() >= 3, "ratings should not all be the same");
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Seeded_ClosedComplaints_CarryTheirRating_ConfirmedBetweenClosingAndNow(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        await new DemoDataSeeder(test.Database, new FakeTimeProvider(Now)).SeedIfEmptyAsync(TestContext.Current.CancellationToken);
        await using var connection = await test.Database.OpenAsync(TestContext.Current.CancellationToken);

        var threads = (await connection.QueryAsync<(string Status, DateTime? ClosedAt, DateTime? ConfirmedAt, int? Rating, string? RatingComment)>(
            "SELECT Status, ClosedAt, ConfirmedAt, Rating, RatingComment FROM Threads")).ToList();

        var closed = threads.Where(t => t.Status == nameof(ThreadStatus.Closed)).ToList();
        Assert.Equal(DemoContent.Threads.Count(t => t.Status == ThreadStatus.Closed), closed.Count);
        Assert.All(closed, t =>
        {
            Assert.InRange(t.Rating!.Value, 1, 5);
            Assert.NotNull(t.RatingComment);
            Assert.InRange(t.ConfirmedAt!.Value, t.ClosedAt!.Value, Now.UtcDateTime);
        });
        Assert.All(threads.Where(t => t.Status != nameof(ThreadStatus.Closed)), t => Assert.Null(t.Rating));
    }
}
