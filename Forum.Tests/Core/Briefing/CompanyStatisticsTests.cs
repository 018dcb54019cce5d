using Forum.Core.Briefing;

namespace Forum.Tests.Core.Briefing;

public class CompanyStatisticsTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc);

    private static ThreadFacts Thread(long company, double hoursAgo, double? replyAfterHours = null, double? solutionAfterHours = null, int? rating = null)
    {
        var created = Now.AddHours(-hoursAgo);
        return Forum.Tests.Support.StoredFacts.Of(company, created,
            replyAfterHours is { } r ? created.AddHours(r) : null,
            solutionAfterHours is { } s ? created.AddHours(s) : null,
            rating);
    }

    [Theory]
    [InlineData(new double[] { }, null)]
    [InlineData(new double[] { 5 }, 5.0)]
    [InlineData(new double[] { 9, 1, 5 }, 5.0)]
    [InlineData(new double[] { 4, 1, 3, 2 }, 2.5)]
    public void Median_OddEvenAndEmpty(double[] minutes, double? expected) =>
        Assert.Equal(expected is { } e ? TimeSpan.FromMinutes(e) : null, CompanyStatistics.Median(minutes.Select(TimeSpan.FromMinutes)));

    [Fact]
    public void Score_CountsRatesMediansAndSatisfaction()
    {
        var threads = new[]
        {
            Thread(1, 48, replyAfterHours: 1, solutionAfterHours: 10, rating: 5),   // in time on both
            Thread(1, 48, replyAfterHours: 4, solutionAfterHours: 20, rating: 2),   // late on both
            Thread(1, 48),                                                          // never answered, both deadlines passed
            Thread(1, 1),                                                           // too young to count for either rule
            Thread(2, 10, replyAfterHours: 0.5),                                    // the other company
        };

        var scores = CompanyStatistics.Score(threads, [1, 2, 3], Now);

        var one = scores[0];
        Assert.Equal(4, one.Complaints);
        Assert.Equal(0.5, one.ReplyRate);
        Assert.Equal(TimeSpan.FromHours(2.5), one.MedianFirstReply);
        Assert.Equal(1.0 / 3, one.AnsweredWithinRule!.Value, 6);
        Assert.Equal(1.0 / 3, one.SolutionWithinRule!.Value, 6);
        Assert.Equal((3.5, 2), (one.AverageRating!.Value, one.Ratings));

        var two = scores[1];
        Assert.Equal((1, 1.0), (two.Complaints, two.AnsweredWithinRule!.Value));
        Assert.Null(two.SolutionWithinRule);   // answered, not solved, and its 12 h have not passed: nothing to measure

        var three = scores[2];
        Assert.Equal(0, three.Complaints);
        Assert.Null(three.ReplyRate);
        Assert.Null(three.MedianFirstReply);
        Assert.Null(three.AverageRating);
    }

    [Fact]
    public void Score_AnswerAtExactlyThreeHours_CountsAsInTime() =>
        Assert.Equal(1.0, CompanyStatistics.Score([Thread(1, 10, replyAfterHours: 3)], [1], Now)[0].AnsweredWithinRule);
}
