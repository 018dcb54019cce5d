namespace Forum.Core.Escalation;

/// <summary><c>Forum:Escalation:*</c>: how long each clock runs and when co-signs make a group complaint.</summary>
public sealed class EscalationOptions
{
    public const string Section = "Forum:Escalation";

    public TimeSpan FirstResponse { get; set; } = TimeSpan.FromHours(3);
    public TimeSpan Solution { get; set; } = TimeSpan.FromHours(12);
    public int GroupComplaintCoSigns { get; set; } = 10;

    /// <summary>
    /// How long before a rung's deadline the local company is reminded that it will be missed (once per rung and
    /// cycle); zero turns the reminders off.
    /// </summary>
    public TimeSpan WarnBefore { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Hangfire cron for the sweep; a sixth (seconds) field is allowed.</summary>
    public string SweepCron { get; set; } = "* * * * *";
}
