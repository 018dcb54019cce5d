using Forum.Data.Database;

namespace Forum.Web.Configuration;

/// <summary>The <c>Forum</c> configuration section (README, "Configuration").</summary>
public sealed class ForumOptions
{
    public const string Section = "Forum";

    /// <summary>SQLite file, mail pickup folder, keys, uploads.</summary>
    public string DataDirectory { get; set; } = "./data";

    public DatabaseOptions Database { get; set; } = new();

    /// <summary>
    /// Load the demo data (with its published demo passwords) into an empty database. Off unless asked for:
    /// <c>run.sh</c> asks, a production start does not, and then offers a one-time link for the first administrator.
    /// </summary>
    public bool DemoData { get; set; }

    /// <summary>Display zone (IANA id) for every time shown.</summary>
    public string TimeZone { get; set; } = Core.Time.ForumClock.DefaultZoneId;

    /// <summary>Culture used when the browser asks for none we have.</summary>
    public string DefaultCulture { get; set; } = "zh-CN";

    /// <summary>The public address of the forum, for links in e-mail.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5000";

    public JobsOptions Jobs { get; set; } = new();

    public BriefingOptions Briefing { get; set; } = new();

    public BackupOptions Backup { get; set; } = new();

    public MetricsOptions Metrics { get; set; } = new();

    public LogOptions Logging { get; set; } = new();

    public WarmUpOptions WarmUp { get; set; } = new();

    public sealed class BriefingOptions
    {
        /// <summary>When the morning digest goes out, as a Hangfire cron in <see cref="TimeZone"/>.</summary>
        public string Cron { get; set; } = "0 8 * * *";
    }

    /// <summary>
    /// Addresses of the reverse proxies / load balancers in front of the forum. Only their X-Forwarded-For is
    /// believed, so rate limits key on the real client address and cannot be dodged by a forged header.
    /// </summary>
    public string[] KnownProxies { get; set; } = [];

    public sealed class JobsOptions
    {
        /// <summary>Runs the Hangfire server in this process (the sweep and the mail delivery).</summary>
        public bool Enabled { get; set; } = true;

        /// <summary>How often Hangfire looks for scheduled and recurring jobs that are due.</summary>
        public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(15);

        /// <summary>How often the outbox is delivered (a sweep that writes mail also triggers a delivery at once).</summary>
        public string DeliveryCron { get; set; } = "* * * * *";

        /// <summary>How often the notifier looks for what it has not yet told (it also runs right after each posting).</summary>
        public string NotifyCron { get; set; } = "* * * * *";
    }

    public sealed class DatabaseOptions
    {
        public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

        /// <summary>SQLite in WAL mode: <c>Normal</c> survives a crash of the forum, <c>Full</c> also an OS crash or power loss.</summary>
        public SqliteSynchronous SqliteSynchronous { get; set; } = SqliteSynchronous.Normal;
    }

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);
}
