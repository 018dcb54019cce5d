using System.Diagnostics.Metrics;
using Forum.Core.Escalation;
using Forum.Web.Operations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Forum.Tests.Web.Operations;

public class EscalationLogTests
{
    private static readonly DateTime Now = new(2026, 12, 2, 8, 0, 0, DateTimeKind.Utc);

    /// <summary>A repository stand-in whose batch escalates rung 1 on every thread it is given.</summary>
    private sealed class Repository : IEscalationRepository
    {
        public Task<IReadOnlyList<EscalationRecord>> EscalateBatchAsync(
            IReadOnlyList<long> threadIds, DateTime now, EscalationPolicy policy, IEscalationMessageComposer composer, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<EscalationRecord>>(threadIds.Select(id => new EscalationRecord(id, id, EscalationRung.FirstResponse, 0, now, now, 2)).ToList());

        public Task<IReadOnlyList<long>> ListDueThreadIdsAsync(DateTime now, int max, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<EscalationRecord>> EscalateAsync(long threadId, DateTime now, EscalationPolicy policy, IEscalationMessageComposer composer, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task PostponeAsync(long threadId, DateTime until, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<EscalationRecord>> ListForThreadAsync(long threadId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<EscalationState?> FindStateAsync(long threadId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<int> StoreMissingSchedulesAsync(EscalationPolicy policy, DateTime now, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<Recipient>> ListRecipientsAsync(long companyId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    private sealed class NoComposer : IEscalationMessageComposer
    {
        public Forum.Core.Mail.OutgoingMessage Compose(EscalationSubject subject, RungClock clock, DateTime now, Recipient recipient) => throw new NotSupportedException();
    }

    private static async Task<IReadOnlyList<FakeLogRecord>> LogOfBatchAsync(int threads)
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var logger = new FakeLogger<MeteredEscalationRepository>();
        var repository = new MeteredEscalationRepository(new Repository(), new ForumMetrics(services.GetRequiredService<IMeterFactory>()), logger);

        await repository.EscalateBatchAsync(
            Enumerable.Range(1, threads).Select(i => (long)i).ToList(), Now, new EscalationPolicy(new EscalationOptions()), new NoComposer(), TestContext.Current.CancellationToken);

        return logger.Collector.GetSnapshot();
    }

    [Fact]
    public async Task EscalateBatch_AFewEscalations_EachLoggedWithItsComplaintNumber()
    {
        var log = await LogOfBatchAsync(3);

        Assert.Equal(["T-000001", "T-000002", "T-000003"], log.Select(r => r.StructuredState!.Single(s => s.Key == "ThreadNumber").Value));
        Assert.All(log, r => Assert.Equal(LogLevel.Information, r.Level));
    }

    [Fact]
    public async Task EscalateBatch_ABacklog_OneInformationLineForTheBatch_EachEscalationAtDebug()
    {
        var log = await LogOfBatchAsync(200);

        var summary = Assert.Single(log, r => r.Level == LogLevel.Information);
        Assert.Equal("Escalated 200 rung(s) on 200 of 200 complaint(s) looked at, 400 message(s) queued", summary.Message);
        Assert.Equal(200, log.Count(r => r.Level == LogLevel.Debug && r.Message.StartsWith("Complaint T-", StringComparison.Ordinal)));
    }
}
