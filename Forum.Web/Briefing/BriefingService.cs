using Forum.Core.Briefing;
using Forum.Core.Complaints;
using Forum.Core.Escalation;
using Forum.Core.Moderation;
using Forum.Core.Time;
using Forum.Web.Configuration;
using Microsoft.Extensions.Options;

namespace Forum.Web.Briefing;

/// <summary>A complaint past a deadline: which rung, since when, and how long it has waited in all.</summary>
public sealed record OverdueThread(QueueItem Item, EscalationRung Rung, DateTime DueAt, TimeSpan Waited);

/// <summary>One company's line in the briefing table.</summary>
public sealed record BriefingCompanyRow(Forum.Core.Companies.Company Company, int New, int Open, CompanyScore Last30Days);

public sealed record BriefingModel(
    DateTime From,
    DateTime To,
    IReadOnlyList<ThreadSummary> NewThreads,
    IReadOnlyList<OverdueThread> PastReply,
    IReadOnlyList<OverdueThread> PastSolution,
    IReadOnlyList<QueueItem> GroupComplaints,
    IReadOnlyList<QueueItem> OldestOpen,
    IReadOnlyList<BriefingCompanyRow> Companies);

/// <summary>
/// The morning briefing for executives and HQ: what arrived since the briefing time, what is past its deadlines and
/// where, group complaints, the oldest open complaints, and each company's record over 30 days.
/// </summary>
public sealed class BriefingService(
    IStatisticsRepository statistics,
    IModerationRepository moderation,
    CatalogCache catalogs,
    ForumClock clock)
{
    public const int MaxNewThreads = 500;

    public async Task<BriefingModel> BuildAsync(DateOnly? fromLocalDate, CancellationToken cancellationToken = default)
    {
        var now = clock.UtcNow;
        var from = BriefingWindow.Start(now, clock.Zone, fromLocalDate);
        var catalog = await catalogs.GetAsync(cancellationToken);
        var newThreads = await statistics.ListNewThreadsAsync(from, now.AddSeconds(1), MaxNewThreads, cancellationToken);
        var open = await moderation.ListQueueAsync(null, cancellationToken);

        var overdue = open
            .SelectMany(item => item.Thread.Deadlines
                .Where(c => c.DueAt <= now)
                .Select(c => new OverdueThread(item, c.Rung, c.DueAt, now - item.Thread.CreatedAt)))
            .OrderBy(o => o.DueAt)
            .ToList();

        var companies = catalog.LocalCompanies.ToList();
        var facts = await statistics.ListThreadFactsAsync(now.AddDays(-30), now.AddSeconds(1), cancellationToken);
        var scores = CompanyStatistics.Score(facts, companies.Select(c => c.Id), now);
        var rows = companies.Zip(scores, (company, score) => new BriefingCompanyRow(
            company,
            newThreads.Count(t => t.CompanySlug == company.Slug),
            open.Count(q => q.CompanyId == company.Id),
            score)).ToList();

        return new BriefingModel(
            from,
            now,
            newThreads,
            overdue.Where(o => o.Rung == EscalationRung.FirstResponse).ToList(),
            overdue.Where(o => o.Rung == EscalationRung.Solution).ToList(),
            open.Where(q => q.Thread.IsGroupComplaint).OrderByDescending(q => q.Thread.CoSignCount).ToList(),
            open.OrderBy(q => q.Thread.CreatedAt).Take(10).ToList(),
            rows);
    }

}
