using Forum.Core.Escalation;

namespace Forum.Core.Briefing;

/// <summary>
/// What the statistics need to know about one complaint: what the thread stored about its clocks (the running
/// deadlines and the outcome kept when each last stopped), never recomputed here.
/// </summary>
public sealed record ThreadFacts(
    long CompanyId, DateTime CreatedAt, DateTime? FirstOfficialReplyAt, DateTime? ReplyDueAt, bool? ReplyLate,
    DateTime? SolutionDueAt, bool? SolutionLate, int? Rating)
{
    public RungOutcome Reply(DateTime now) => EscalationPolicy.Outcome(ReplyDueAt, ReplyLate, now);

    public RungOutcome Solution(DateTime now) => EscalationPolicy.Outcome(SolutionDueAt, SolutionLate, now);
}

/// <summary>
/// One company's record over a period. Percentages are null when nothing could be measured yet (no complaint whose
/// deadline has passed), so a page shows "—" rather than a misleading 0 % or 100 %.
/// </summary>
public sealed record CompanyScore(
    long CompanyId,
    int Complaints,
    double? ReplyRate,
    TimeSpan? MedianFirstReply,
    double? AnsweredWithinRule,
    double? SolutionWithinRule,
    double? AverageRating,
    int Ratings);

/// <summary>The public scoreboard's and the briefing's numbers, as pure functions of the complaints and the time.</summary>
public static class CompanyStatistics
{
    /// <summary>
    /// Scores each company over complaints posted in the period. "Answered within the rule" counts, among complaints
    /// whose reply outcome is known (met, or its deadline passed), those met in time; the same for solutions. The
    /// outcomes are the ones the escalation policy stored on each thread, so the scoreboard, the thread pages and
    /// the sweep agree.
    /// </summary>
    public static IReadOnlyList<CompanyScore> Score(IEnumerable<ThreadFacts> threads, IEnumerable<long> companyIds, DateTime now)
    {
        var byCompany = threads.ToLookup(t => t.CompanyId);
        return companyIds.Select(companyId =>
        {
            var list = byCompany[companyId].ToList();
            var answered = list.Where(t => t.FirstOfficialReplyAt is not null).ToList();
            var replies = list.Select(t => t.Reply(now)).Where(o => o != RungOutcome.Pending).ToList();
            var solutions = list.Select(t => t.Solution(now)).Where(o => o != RungOutcome.Pending).ToList();
            var ratings = list.Where(t => t.Rating is not null).Select(t => t.Rating!.Value).ToList();
            return new CompanyScore(
                companyId,
                list.Count,
                Share(answered.Count, list.Count),
                Median(answered.Select(t => t.FirstOfficialReplyAt!.Value - t.CreatedAt)),
                Share(replies.Count(o => o == RungOutcome.OnTime), replies.Count),
                Share(solutions.Count(o => o == RungOutcome.OnTime), solutions.Count),
                ratings.Count == 0 ? null : ratings.Average(),
                ratings.Count);
        }).ToList();
    }

    /// <summary>The middle value; the mean of the two middle values for an even count; null for none.</summary>
    public static TimeSpan? Median(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double? Share(int part, int whole) => whole == 0 ? null : (double)part / whole;
}

/// <summary>Reads the facts the statistics need, through an index on the posting time.</summary>
public interface IStatisticsRepository
{
    /// <summary>Visible complaints posted in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    Task<IReadOnlyList<ThreadFacts>> ListThreadFactsAsync(DateTime from, DateTime to, CancellationToken cancellationToken = default);

    /// <summary>Visible complaints posted in [<paramref name="from"/>, <paramref name="to"/>), newest first (at most <paramref name="max"/>).</summary>
    Task<IReadOnlyList<Complaints.ThreadSummary>> ListNewThreadsAsync(DateTime from, DateTime to, int max, CancellationToken cancellationToken = default);
}
