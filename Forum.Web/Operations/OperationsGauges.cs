using System.Data.Common;
using System.Diagnostics.Metrics;
using Forum.Core.Escalation;
using Forum.Core.Operations;
using Forum.Web.Configuration;
using Microsoft.Extensions.Options;

namespace Forum.Web.Operations;

/// <summary>
/// Gauges read from the database when Prometheus scrapes: open complaints past each deadline, the outbox's pending
/// and failed messages, and how long the oldest pending one has waited. One read serves all of them for
/// <c>Forum:Metrics:GaugeCacheDuration</c>, so several scrapers cost one query set.
/// </summary>
public sealed class OperationsGauges
{
    private readonly IOperationsRepository _repository;
    private readonly TimeProvider _time;
    private readonly TimeSpan _cacheFor;
    private readonly ILogger<OperationsGauges> _logger;
    private readonly Lock _lock = new();
    private (OperationsSnapshot? Snapshot, DateTime ReadAt) _last;

    public OperationsGauges(ForumMetrics metrics, IOperationsRepository repository, TimeProvider time, IOptions<ForumOptions> options, ILogger<OperationsGauges> logger)
    {
        _repository = repository;
        _time = time;
        _cacheFor = options.Value.Metrics.GaugeCacheDuration;
        _logger = logger;
        var meter = metrics.Meter;
        meter.CreateObservableGauge("forum.complaints.past_deadline", PastDeadline, "{complaint}",
            "Open complaints past each running deadline (no official reply by the reply deadline; no solution by the solution deadline).");
        meter.CreateObservableGauge("forum.outbox.messages", Outbox, "{message}", "Outbox messages waiting (pending) or given up on (failed).");
        meter.CreateObservableGauge("forum.outbox.oldest_pending.age", OldestPendingAge, "s", "How long the oldest pending outbox message has waited; 0 when none waits.");
    }

    private IEnumerable<Measurement<long>> PastDeadline()
    {
        if (Read() is not { } snapshot)
        {
            yield break;
        }

        foreach (var rung in new[] { EscalationRung.FirstResponse, EscalationRung.Solution })
        {
            yield return new Measurement<long>(snapshot.PastDeadline.GetValueOrDefault(rung), new KeyValuePair<string, object?>("rung", rung.ToString()));
        }
    }

    private IEnumerable<Measurement<long>> Outbox()
    {
        if (Read() is not { } snapshot)
        {
            yield break;
        }

        yield return new Measurement<long>(snapshot.OutboxPending, new KeyValuePair<string, object?>("status", "pending"));
        yield return new Measurement<long>(snapshot.OutboxFailed, new KeyValuePair<string, object?>("status", "failed"));
    }

    private IEnumerable<Measurement<double>> OldestPendingAge()
    {
        if (Read() is not { } snapshot)
        {
            yield break;
        }

        var age = snapshot.OldestPendingAt is { } queued ? Math.Max(0, (_time.GetUtcNow().UtcDateTime - queued).TotalSeconds) : 0;
        yield return new Measurement<double>(age);
    }

    // Observable callbacks are synchronous; the scrape waits for this one small read at most once per cache period.
    private OperationsSnapshot? Read()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow().UtcDateTime;
            if (_last.Snapshot is not null && now - _last.ReadAt < _cacheFor)
            {
                return _last.Snapshot;
            }

            try
            {
                _last = (_repository.ReadAsync(now).GetAwaiter().GetResult(), now);
                return _last.Snapshot;
            }
            catch (DbException exception)
            {
                // A busy or unreachable database: the series go missing for this scrape (which alerts can see),
                // rather than the whole endpoint failing.
                _logger.LogWarning(exception, "Could not read the operations gauges");
                return null;
            }
        }
    }
}
