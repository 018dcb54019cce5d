using System.Diagnostics.Metrics;
using Forum.Core.Escalation;

namespace Forum.Web.Operations;

/// <summary>
/// The forum's own instruments (meter <c>Forum</c>), exported on <c>/metrics</c> with the framework's request
/// duration. Events are counted where they happen, on the node that saw them; the state of the ladder and the outbox
/// is read from the database by <see cref="OperationsGauges"/>, so every node reports the same truth.
/// </summary>
public sealed class ForumMetrics
{
    public const string MeterName = "Forum";

    // Seconds, from a fast index read to a slow SMTP server.
    private static readonly double[] DurationBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly Counter<long> _complaintsPosted;
    private readonly Counter<long> _escalations;
    private readonly Histogram<double> _mailDelivery;
    private readonly Histogram<double> _mailLatency;
    private readonly Histogram<double> _search;

    public ForumMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(MeterName);
        _complaintsPosted = Meter.CreateCounter<long>("forum.complaints.posted", "{complaint}", "Complaints posted by homeowners.");
        _escalations = Meter.CreateCounter<long>("forum.escalations", "{escalation}", "Escalations written by the sweep, by rung.");
        var advice = new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets };
        _mailDelivery = Meter.CreateHistogram("forum.mail.delivery.duration", "s", "Time to hand one message to the SMTP server (or the pickup folder), by outcome.", advice: advice);
        _mailLatency = Meter.CreateHistogram("forum.mail.delivery.latency", "s", "Time from queuing a message in the outbox to the server accepting it.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 5, 15, 30, 60, 120, 300, 900, 1800, 3600, 4 * 3600] });
        _search = Meter.CreateHistogram("forum.search.duration", "s", "Time of one search: the query, snippets and highlighting.", advice: advice);
    }

    public Meter Meter { get; }

    public void ComplaintPosted() => _complaintsPosted.Add(1);

    public void Escalated(EscalationRung rung) => _escalations.Add(1, new KeyValuePair<string, object?>("rung", rung.ToString()));

    public void MailDelivered(TimeSpan elapsed, string outcome) =>
        _mailDelivery.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));

    public void MailAccepted(TimeSpan sinceQueued) => _mailLatency.Record(Math.Max(0, sinceQueued.TotalSeconds));

    public void Searched(TimeSpan elapsed) => _search.Record(elapsed.TotalSeconds);
}
