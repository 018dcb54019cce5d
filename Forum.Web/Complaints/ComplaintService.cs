using System.Globalization;
using System.Security.Claims;
using Forum.Core.Accounts;
using Forum.Web.Accounts;
using Forum.Core.Complaints;
using Forum.Core.Escalation;
using Forum.Web.Configuration;
using Forum.Web.Jobs;
using Forum.Web.Photos;
using Hangfire;

namespace Forum.Web.Complaints;

public enum PostingRefusal
{
    None,
    SignInRequired,
    ConfirmEmailFirst,
    HomeownersOnly,
    NotFound,
    Locked,
    OwnThread,

    /// <summary>Not the author, not closed, already confirmed, or more than 7 days after closing.</summary>
    FollowUpClosed,
}

public sealed record PostingResult(long? ThreadId, IReadOnlyList<FieldError> Errors, PostingRefusal Refusal = PostingRefusal.None)
{
    public bool Succeeded => ThreadId is not null && Errors.Count == 0 && Refusal == PostingRefusal.None;
}

/// <summary>
/// What homeowners do from the public pages: post a complaint, reply, co-sign. Checks who may act on the server,
/// validates, stores, and — for co-signs that reach the threshold — runs the group-complaint rule at once.
/// </summary>
public sealed class ComplaintService(
    IComplaintWriter writer,
    CatalogCache catalogs,
    AccountService accounts,
    EscalationSweeper sweeper,
    IBackgroundJobClient jobs,
    NotifySignal notify,
    Moderation.QueueChanges changes,
    PhotoUploads photoUploads,
    TimeProvider timeProvider,
    Operations.ForumMetrics metrics,
    ILogger<ComplaintService> logger)
{
    /// <summary>Null when the person may post; otherwise why not.</summary>
    public async Task<PostingRefusal> CheckMayPostAsync(ClaimsPrincipal principal)
    {
        if (await accounts.CurrentAsync(principal) is not { IsActive: true } user)
        {
            return PostingRefusal.SignInRequired;
        }

        if (!principal.IsInRole(ForumRoles.Homeowner))
        {
            return PostingRefusal.HomeownersOnly;
        }

        return user.EmailConfirmed ? PostingRefusal.None : PostingRefusal.ConfirmEmailFirst;
    }

    public async Task<PostingResult> PostAsync(ClaimsPrincipal principal, ComplaintDraft draft, IReadOnlyList<IFormFile>? files = null, CancellationToken cancellationToken = default)
    {
        var refusal = await CheckMayPostAsync(principal);
        if (refusal != PostingRefusal.None)
        {
            return new PostingResult(null, [], refusal);
        }

        var (complaint, errors) = ComplaintRules.Validate(draft, await catalogs.GetAsync(cancellationToken));
        var (photos, photoErrors) = PhotoUploads.Check(files ?? []);
        if (complaint is null || photoErrors.Count > 0)
        {
            return new PostingResult(null, [.. errors, .. photoErrors]);
        }

        var stored = await photoUploads.StoreAsync(photos, cancellationToken);
        try
        {
            var id = await writer.CreateThreadAsync(complaint with { Photos = stored.Photos }, UserId(principal), timeProvider.GetUtcNow().UtcDateTime, cancellationToken);
            await photoUploads.EnsureStoredAsync(stored);
            changes.Notify();
            // The intake alert goes out now, not at the next minute's run (which catches it if this job is lost).
            notify.Request();
            metrics.ComplaintPosted();
            // The number only: the complaint's text and contact details never go to the logs.
            logger.LogInformation("Complaint {ThreadNumber} posted about project {ProjectId} with {PhotoCount} photo(s)",
                ThreadNumber.Format(id), complaint.ProjectId, stored.Photos.Count);
            return new PostingResult(id, []);
        }
        catch
        {
            await photoUploads.DiscardAsync(stored);
            throw;
        }
    }

    public async Task<PostingResult> ReplyAsync(ClaimsPrincipal principal, long threadId, string? body, string? requestId, IReadOnlyList<IFormFile>? files = null, CancellationToken cancellationToken = default)
    {
        var refusal = await CheckMayPostAsync(principal);
        if (refusal != PostingRefusal.None)
        {
            return new PostingResult(null, [], refusal);
        }

        var errors = ComplaintRules.ValidateReply(body);
        if (string.IsNullOrWhiteSpace(requestId) || requestId.Length > 64)
        {
            errors = [.. errors, new FieldError("Form", "Expired")];
        }

        var (photos, photoErrors) = PhotoUploads.Check(files ?? []);
        if (errors.Count > 0 || photoErrors.Count > 0)
        {
            return new PostingResult(null, [.. errors, .. photoErrors]);
        }

        var stored = await photoUploads.StoreAsync(photos, cancellationToken);
        long? post;
        try
        {
            post = await writer.AddHomeownerReplyAsync(threadId, UserId(principal), ComplaintRules.Clean(body), requestId!, timeProvider.GetUtcNow().UtcDateTime, stored.Photos, cancellationToken);
        }
        catch
        {
            await photoUploads.DiscardAsync(stored);
            throw;
        }

        if (post is null)
        {
            await photoUploads.DiscardAsync(stored);
            return new PostingResult(null, [], PostingRefusal.Locked);
        }

        await photoUploads.EnsureStoredAsync(stored);
        changes.Notify();
        logger.LogInformation("Complaint {ThreadNumber}: homeowner reply {PostId}", ThreadNumber.Format(threadId), post);
        return new PostingResult(threadId, []);
    }

    public async Task<(PostingRefusal Refusal, CoSignResult? Result)> CoSignAsync(ClaimsPrincipal principal, long threadId, CancellationToken cancellationToken = default)
    {
        var refusal = await CheckMayPostAsync(principal);
        if (refusal != PostingRefusal.None)
        {
            return (refusal, null);
        }

        var userId = UserId(principal);
        var author = await writer.FindAuthorAsync(threadId, cancellationToken);
        if (author is null)
        {
            return (PostingRefusal.NotFound, null);
        }

        if (author == userId)
        {
            return (PostingRefusal.OwnThread, null);
        }

        var result = await writer.CoSignAsync(threadId, userId, timeProvider.GetUtcNow().UtcDateTime, cancellationToken);
        if (result is { Added: true })
        {
            // The group-complaint rule does not wait for the next sweep: HQ and the company head are told now.
            var escalated = await sweeper.EscalateThreadAsync(threadId, cancellationToken);
            if (escalated.Sum(e => e.RecipientCount) > 0)
            {
                jobs.Enqueue<DeliverOutboxJob>(job => job.RunAsync(CancellationToken.None));
            }

            changes.Notify();
        }

        return (result is null ? PostingRefusal.NotFound : PostingRefusal.None, result);
    }

    /// <summary>The author confirms the outcome of their closed complaint and rates it (the follow-up visit).</summary>
    public async Task<(PostingRefusal Refusal, IReadOnlyList<FieldError> Errors)> ConfirmAsync(
        ClaimsPrincipal principal, long threadId, int? rating, string? comment, CancellationToken cancellationToken = default)
    {
        var refusal = await CheckMayPostAsync(principal);
        if (refusal != PostingRefusal.None)
        {
            return (refusal, []);
        }

        var errors = new List<FieldError>();
        if (rating is not (>= 1 and <= 5))
        {
            errors.Add(new FieldError("Rating", "Required"));
        }

        var text = ComplaintRules.Clean(comment);
        if (text.Length > ComplaintRules.RatingCommentMax)
        {
            errors.Add(new FieldError("RatingComment", "TooLong", ComplaintRules.RatingCommentMax, text.Length));
        }

        if (errors.Count > 0)
        {
            return (PostingRefusal.None, errors);
        }

        var done = await writer.ConfirmAsync(threadId, UserId(principal), rating!.Value, text.Length == 0 ? null : text, timeProvider.GetUtcNow().UtcDateTime, cancellationToken);
        return (done ? PostingRefusal.None : PostingRefusal.FollowUpClosed, []);
    }

    /// <summary>The author reopens their complaint within 7 days of closing: a new solution deadline starts.</summary>
    public async Task<PostingRefusal> ReopenAsync(ClaimsPrincipal principal, long threadId, string? reason = null, CancellationToken cancellationToken = default)
    {
        var refusal = await CheckMayPostAsync(principal);
        if (refusal != PostingRefusal.None)
        {
            return refusal;
        }

        var text = reason?.Trim();
        var done = await writer.ReopenAsync(threadId, UserId(principal), ComplaintRules.ReopenWindow, timeProvider.GetUtcNow().UtcDateTime,
            string.IsNullOrEmpty(text) ? null : text, cancellationToken);
        changes.Notify();
        return done ? PostingRefusal.None : PostingRefusal.FollowUpClosed;
    }

    private static long UserId(ClaimsPrincipal principal) =>
        long.Parse(principal.FindFirstValue(ClaimTypes.NameIdentifier)!, CultureInfo.InvariantCulture);
}
