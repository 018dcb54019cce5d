namespace Forum.Core.Briefing;

/// <summary>One day of the 30-day chart: complaints posted that local day per company, and the share answered in time.</summary>
public sealed record DailyPoint(DateOnly Date, IReadOnlyDictionary<long, int> NewByCompany, double? AnsweredWithinRule);

/// <summary>Buckets complaints by local day in the forum's zone (a day runs from local midnight to local midnight).</summary>
public static class DailySeries
{
    public static IReadOnlyList<DailyPoint> Build(
        IEnumerable<ThreadFacts> threads, IReadOnlyList<long> companyIds, DateOnly lastLocalDate, int days, TimeZoneInfo zone, DateTime utcNow)
    {
        var first = lastLocalDate.AddDays(1 - days);
        var byDay = threads
            .Select(t => (Day: DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(t.CreatedAt, DateTimeKind.Utc), zone)), Thread: t))
            .Where(x => x.Day >= first && x.Day <= lastLocalDate)
            .ToLookup(x => x.Day, x => x.Thread);

        return Enumerable.Range(0, days).Select(offset =>
        {
            var day = first.AddDays(offset);
            var list = byDay[day].ToList();
            var due = list.Select(t => t.Reply(utcNow)).Where(o => o != Escalation.RungOutcome.Pending).ToList();
            var inTime = due.Count(o => o == Escalation.RungOutcome.OnTime);
            return new DailyPoint(
                day,
                companyIds.ToDictionary(id => id, id => list.Count(t => t.CompanyId == id)),
                due.Count == 0 ? null : (double)inTime / due.Count);
        }).ToList();
    }
}
