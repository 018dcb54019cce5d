using Forum.Data.Database;

namespace Forum.Web.Configuration;

/// <summary>The <c>Forum</c> configuration section (README, "Configuration").</summary>
public sealed class ForumOptions
{
    public const string Section = "Forum";

    /// <summary>SQLite file, mail pickup folder, keys, uploads.</summary>
    public string DataDirectory { get; set; } = "./data";

    public DatabaseOptions Database { get; set; } = new();

    /// <summary>Load the demo data into an empty database. Default: true for SQLite, false for SQL Server.</summary>
    public bool? DemoData { get; set; }

    /// <summary>Display zone (IANA id) for every time shown.</summary>
    public string TimeZone { get; set; } = Core.Time.ForumClock.DefaultZoneId;

    /// <summary>Culture used when the browser asks for none we have.</summary>
    public string DefaultCulture { get; set; } = "zh-CN";

    public sealed class DatabaseOptions
    {
        public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    }

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);

    public bool LoadDemoData => DemoData ?? Database.Provider == DatabaseProvider.Sqlite;
}
