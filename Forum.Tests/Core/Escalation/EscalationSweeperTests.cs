using Forum.Core.Complaints;
using Forum.Core.Escalation;
using Forum.Core.Mail;
using Microsoft.Extensions.Time.Testing;

namespace Forum.Tests.Core.Escalation;

public class EscalationSweeperTests
{
    /// <summary>A repository stand-in where thread 1 always fails and threads 2 and 3 escalate.</summary>
    private sealed class Repository : IEscalationRepository
    {
        public readonly Dictionary<long, DateTime?> Due = new() { [1] = DateTime.MinValue, [2] = DateTime.MinValue, [3] = DateTime.MinValue };

        public Task<IReadOnlyList<long>> ListDueThreadIdsAsync(DateTime now, int max, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<long>>(Due.Where(d => d.Value <= now).OrderBy(d => d.Value).Select(d => d.Key).Take(max).ToList());

        public Task<IReadOnlyList<EscalationRecord>> EscalateAsync(long threadId, DateTime now, EscalationPolicy policy, IEscalationMessageComposer composer, CancellationToken cancellationToken = default)
        {
            if (threadId == 1)
            {
                throw new FormatException("unreadable status");
            }

            Due[threadId] = null;
            return Task.FromResult<IReadOnlyList<EscalationRecord>>([new EscalationRecord(threadId, threadId, EscalationRung.FirstResponse, 0, now, now, 2)]);
        }

        public Task PostponeAsync(long threadId, DateTime until, CancellationToken cancellationToken = default)
        {
            Due[threadId] = until;
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<EscalationRecord>> ListForThreadAsync(long threadId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<EscalationState?> FindStateAsync(long threadId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<int> StoreMissingSchedulesAsync(EscalationPolicy policy, DateTime now, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<Recipient>> ListRecipientsAsync(long companyId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    private sealed class NoComposer : IEscalationMessageComposer
    {
        public OutgoingMessage Compose(EscalationSubject subject, RungClock clock, DateTime now, Recipient recipient) => throw new NotSupportedException();
    }

    [Fact]
    public async Task Sweep_OneThreadFails_TheOthersStillEscalate_AndTheFailedOneWaits()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero));
        var repository = new Repository();
        var sweeper = new EscalationSweeper(repository, new EscalationPolicy(new EscalationOptions()), new NoComposer(), time);

        var result = await sweeper.SweepAsync(TestContext.Current.CancellationToken);

        Assert.Equal((3, 2, 4), (result.ThreadsExamined, result.Escalations, result.Messages));
        Assert.Equal(1, Assert.Single(result.Failures!).ThreadId);
        Assert.Equal(time.GetUtcNow().UtcDateTime + EscalationSweeper.RetryFailedThreadAfter, repository.Due[1]);
        Assert.Equal(0, (await sweeper.SweepAsync(TestContext.Current.CancellationToken)).ThreadsExamined);
    }
}
