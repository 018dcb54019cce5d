using Forum.Core.Complaints;

namespace Forum.Web.Complaints;

/// <summary>
/// Everything the public thread page shows: the thread, its public posts, its timeline and deadlines (from the
/// record and the stored clocks), every closing with its summary and rating, and the duplicates merged into it.
/// </summary>
public sealed record ThreadPageModel(
    ThreadDetail Thread,
    IReadOnlyList<PublicPost> Replies,
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<DeadlineLine> Deadlines,
    IReadOnlyList<Resolution> Resolutions,
    IReadOnlyList<MergedDuplicate> Merged);

/// <summary>A closing of the complaint (one per cycle), with the rating the homeowner gave it, if any.</summary>
public sealed record Resolution(int Cycle, DateTime ClosedAt, string? Summary, int? Rating, string? RatingComment);

/// <summary>What the thread page calls. Every public text leaves here masked; the stored text is untouched.</summary>
public sealed class ThreadReader(IThreadRepository threads, IThreadEventReader events, Forum.Core.Escalation.IEscalationNoticeReader notices)
{
    public async Task<ThreadPageModel?> ReadAsync(string? number, CancellationToken cancellationToken = default)
    {
        if (!ThreadNumber.TryParse(number, out var id) || await threads.FindAsync(id, cancellationToken) is not { } thread)
        {
            return null;
        }

        // The public sees personal data masked in every text it reads: what homeowners and staff wrote, the names
        // they chose and the reasons staff gave; the stored text is untouched (staff pages show it whole).
        thread = thread with
        {
            Title = PersonalDataMasker.Mask(thread.Title),
            Body = PersonalDataMasker.Mask(thread.Body),
            AuthorName = PersonalDataMasker.Mask(thread.AuthorName),
            ResolutionSummary = thread.ResolutionSummary is null ? null : PersonalDataMasker.Mask(thread.ResolutionSummary),
            RatingComment = thread.RatingComment is null ? null : PersonalDataMasker.Mask(thread.RatingComment),
        };
        var posts = (await threads.ListPublicPostsAsync(id, cancellationToken))
            .Where(p => p.Kind != PostKind.Event)
            .Select(p => p with
            {
                Body = PersonalDataMasker.Mask(p.Body),
                AuthorName = p.AuthorName is null ? null : PersonalDataMasker.Mask(p.AuthorName),
                HiddenReason = p.HiddenReason is null ? null : PersonalDataMasker.Mask(p.HiddenReason),
            })
            .ToList();
        var record = (await events.ListAsync(id, cancellationToken))
            .Select(e => e with { Text = e.Text is null ? null : PersonalDataMasker.Mask(e.Text) })
            .ToList();
        var merged = (await threads.ListMergedFromAsync(id, cancellationToken))
            .Select(m => m with
            {
                Title = PersonalDataMasker.Mask(m.Title),
                Body = PersonalDataMasker.Mask(m.Body),
                Posts = m.Posts.Select(p => p with { Body = PersonalDataMasker.Mask(p.Body) }).ToList(),
            })
            .ToList();
        var deliveries = await notices.ListForThreadAsync(id, cancellationToken);
        return new ThreadPageModel(
            thread,
            posts,
            ThreadTimeline.Build(thread, record, deliveries: deliveries),
            ThreadDeadlines.Build(thread, record, deliveries),
            ResolutionsOf(record),
            merged);
    }

    /// <summary>Each closing in order, paired with the rating given before the next reopening.</summary>
    public static IReadOnlyList<Resolution> ResolutionsOf(IReadOnlyList<ThreadEvent> record) =>
        record.Where(e => e.Kind == ThreadEventKind.Closed)
            .Select(closed =>
            {
                var rated = record.FirstOrDefault(e => e.Kind == ThreadEventKind.Rated && e.Cycle == closed.Cycle && e.At >= closed.At);
                return new Resolution(closed.Cycle, closed.At, closed.Text, rated?.Rating, rated?.Text);
            })
            .ToList();
}
