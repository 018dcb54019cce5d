namespace Forum.Web.Configuration;

/// <summary><c>Forum:Backup:*</c>: the nightly backup of the embedded default (README, "Backups").</summary>
public sealed class BackupOptions
{
    /// <summary>Runs the nightly backup job (SQLite only: SQL Server is backed up by SQL Server).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>When the backup runs, as a Hangfire cron in <c>Forum:TimeZone</c>.</summary>
    public string Cron { get; set; } = "30 3 * * *";

    /// <summary>How many snapshots are kept; older ones are removed after a successful backup.</summary>
    public int Keep { get; set; } = 7;

    /// <summary>Where snapshots go; unset: <c>backups/</c> beside the data directory (never inside it).</summary>
    public string? Directory { get; set; }

    public string FullDirectory(string fullDataDirectory) =>
        string.IsNullOrWhiteSpace(Directory)
            ? Path.Combine(Path.GetDirectoryName(fullDataDirectory.TrimEnd(Path.DirectorySeparatorChar)) ?? fullDataDirectory, "backups")
            : Path.GetFullPath(Directory);
}

/// <summary><c>Forum:Metrics:*</c>: the Prometheus endpoint (README, "Metrics").</summary>
public sealed class MetricsOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Who may read <c>/metrics</c> besides loopback: addresses (<c>10.0.0.7</c>) or networks (<c>10.0.0.0/24</c>).
    /// Anyone else gets the ordinary 404 page.
    /// </summary>
    public string[] AllowedAddresses { get; set; } = [];

    /// <summary>How long the database-read gauges (overdue complaints, outbox) are reused between scrapes.</summary>
    public TimeSpan GaugeCacheDuration { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary><c>Forum:Logging:*</c>.</summary>
public sealed class LogOptions
{
    /// <summary><c>Json</c>: one JSON object per line on the console (the framework's JsonConsole formatter), with scopes; otherwise plain text.</summary>
    public string Format { get; set; } = "Text";

    public bool IsJson => string.Equals(Format, "Json", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// <c>Forum:WarmUp:*</c>: the public pages rendered in-process before the node listens (README, "Starting warm").
/// </summary>
public sealed class WarmUpOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>The node listens after this long even if the JIT has not settled.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
