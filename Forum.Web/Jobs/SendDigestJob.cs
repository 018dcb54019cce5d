using Forum.Core.Escalation;
using Forum.Core.Mail;
using Forum.Core.Time;
using Forum.Data.Database;
using Forum.Web.Briefing;
using Hangfire;

namespace Forum.Web.Jobs;

/// <summary>
/// Recurring at <c>Forum:Briefing:Cron</c> in <c>Forum:TimeZone</c>: the morning digest to HQ's recipients (customer
/// relations and executives), through the outbox. One per recipient per local day, however often or late it runs.
/// </summary>
public sealed class SendDigestJob(
    BriefingService briefing,
    BriefingChart chart,
    DigestComposer composer,
    IEscalationRepository recipients,
    IOutboxRepository outbox,
    ForumDatabase database,
    IBackgroundJobClient jobs,
    ForumClock clock)
{
    public const string RecurringId = "morning-digest";

    private const string HeadquartersIdSql = "SELECT Id FROM Companies WHERE Kind = 'Headquarters'";

    [AutomaticRetry(Attempts = 3)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var localDate = DateOnly.FromDateTime(clock.ToLocal(clock.UtcNow));
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            var hq = await Dapper.SqlMapper.ExecuteScalarAsync<long?>(connection, new Dapper.CommandDefinition(HeadquartersIdSql, cancellationToken: cancellationToken));
            if (hq is null)
            {
                return 0;
            }

            var people = (await recipients.ListRecipientsAsync(hq.Value, cancellationToken))
                .Where(r => r.Role is RecipientRole.Executive or RecipientRole.CustomerRelations)
                .DistinctBy(r => r.Email.ToLowerInvariant())
                .ToList();
            if (people.Count == 0)
            {
                return 0;
            }

            var model = await briefing.BuildAsync(null, cancellationToken);
            // One column: most readers open the digest on a phone.
            var picture = await chart.RenderPngAsync(ChartShape.Narrow, cancellationToken);
            var messages = people.Select(p => composer.Compose(model, localDate, p, picture)).ToList();
            var added = await outbox.EnqueueOnceAsync("Digest", messages, clock.UtcNow, cancellationToken);
            if (added > 0)
            {
                jobs.Enqueue<DeliverOutboxJob>(job => job.RunAsync(CancellationToken.None));
            }

            return added;
        }
    }
}
