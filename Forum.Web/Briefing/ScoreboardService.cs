using Forum.Core.Briefing;
using Forum.Core.Companies;
using Forum.Core.Escalation;
using Forum.Web.Configuration;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Forum.Web.Briefing;

public enum ScoreSort
{
    AnsweredWithinRule,
    SolutionWithinRule,
    ReplyRate,
    MedianFirstReply,
    Complaints,
    Rating,
}

public sealed record ScoreboardRow(Company Company, CompanyScore Score);

/// <summary>
/// The public scoreboard: every local company over the last 7, 30 or 90 days. Computed from one covering-index scan,
/// cached for a minute (it is the same for every visitor).
/// </summary>
public sealed class ScoreboardService(
    IStatisticsRepository statistics,
    CatalogCache catalogs,
    IMemoryCache cache,
    TimeProvider timeProvider)
{
    public static readonly int[] Periods = [7, 30, 90];

    public async Task<IReadOnlyList<ScoreboardRow>> ScoreAsync(int days, ScoreSort sort, CancellationToken cancellationToken = default)
    {
        days = Periods.Contains(days) ? days : 30;
        var rows = await cache.GetOrCreateAsync(("scoreboard", days), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            var now = timeProvider.GetUtcNow().UtcDateTime;
            var companies = (await catalogs.GetAsync(cancellationToken)).LocalCompanies.ToList();
            var facts = await statistics.ListThreadFactsAsync(now.AddDays(-days), now.AddSeconds(1), cancellationToken);
            var scores = CompanyStatistics.Score(facts, companies.Select(c => c.Id), now);
            return companies.Zip(scores, (company, score) => new ScoreboardRow(company, score)).ToList();
        }) ?? [];

        // Best first; companies with nothing to measure go last.
        return sort switch
        {
            ScoreSort.SolutionWithinRule => rows.OrderByDescending(r => r.Score.SolutionWithinRule ?? -1).ToList(),
            ScoreSort.ReplyRate => rows.OrderByDescending(r => r.Score.ReplyRate ?? -1).ToList(),
            ScoreSort.MedianFirstReply => rows.OrderBy(r => r.Score.MedianFirstReply ?? TimeSpan.MaxValue).ToList(),
            ScoreSort.Complaints => rows.OrderByDescending(r => r.Score.Complaints).ToList(),
            ScoreSort.Rating => rows.OrderByDescending(r => r.Score.AverageRating ?? -1).ToList(),
            _ => rows.OrderByDescending(r => r.Score.AnsweredWithinRule ?? -1).ToList(),
        };
    }

    /// <summary>How a column is sorted (best first): ascending for the time to the first reply, descending otherwise.</summary>
    public static bool IsAscending(ScoreSort sort) => sort == ScoreSort.MedianFirstReply;
}
