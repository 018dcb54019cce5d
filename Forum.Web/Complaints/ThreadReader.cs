using Forum.Core.Complaints;
using Forum.Core.Escalation;

namespace Forum.Web.Complaints;

/// <summary>Everything the public thread page shows.</summary>
public sealed record ThreadPageModel(
    ThreadDetail Thread,
    IReadOnlyList<PublicPost> Replies,
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<RungClock> RunningClocks);

/// <summary>What the thread page calls: the thread, its public posts, its timeline with escalations, its clocks.</summary>
public sealed class ThreadReader(IThreadRepository threads, IEscalationRepository escalations, EscalationPolicy policy)
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
            .Select(p => p with
            {
                Body = PersonalDataMasker.Mask(p.Body),
                AuthorName = p.AuthorName is null ? null : PersonalDataMasker.Mask(p.AuthorName),
                HiddenReason = p.HiddenReason is null ? null : PersonalDataMasker.Mask(p.HiddenReason),
            })
            .ToList();
        var escalated = await escalations.ListForThreadAsync(id, cancellationToken);
        var state = await escalations.FindStateAsync(id, cancellationToken);
        var clocks = state is null
            ? []
            : policy.RunningClocks(state).Where(c => c.Rung != EscalationRung.GroupComplaint).ToList();
        return new ThreadPageModel(
            thread,
            posts.Where(p => p.Kind != PostKind.Event).ToList(),
            ThreadTimeline.Build(thread, posts, escalated),
            clocks);
    }
}
