using System.Data;
using Dapper;

namespace Forum.Data.Database;

/// <summary>
/// Process-wide Dapper settings. Times are stored in UTC; SQLite hands them back as text and SQL Server as
/// datetime2 without a kind, so every DateTime read is marked UTC here, once, rather than in each repository.
/// </summary>
internal static class DapperSetup
{
    private static int _configured;

    public static void EnsureConfigured()
    {
        if (Interlocked.Exchange(ref _configured, 1) == 1)
        {
            return;
        }

        SqlMapper.AddTypeHandler(new UtcDateTimeHandler());
        SqlMapper.AddTypeHandler(new UtcDateTimeOffsetHandler());

        // Dapper's built-in map sends DateTime parameters as SQL Server 'datetime' (3 ms steps, nothing before 1753);
        // the columns are datetime2, so send datetime2. (SQLite stores either as the same ISO text.)
        SqlMapper.AddTypeMap(typeof(DateTime), DbType.DateTime2);
        SqlMapper.AddTypeMap(typeof(DateTime?), DbType.DateTime2);
    }

    /// <summary>Identity's lockout end is a DateTimeOffset; it is stored as a UTC time like every other.</summary>
    private sealed class UtcDateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        private static readonly UtcDateTimeHandler Times = new();

        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            parameter.DbType = DbType.DateTime2;
            parameter.Value = value.UtcDateTime;
        }

        public override DateTimeOffset Parse(object value) => new(Times.Parse(value), TimeSpan.Zero);
    }

    private sealed class UtcDateTimeHandler : SqlMapper.TypeHandler<DateTime>
    {
        public override void SetValue(IDbDataParameter parameter, DateTime value)
        {
            parameter.DbType = DbType.DateTime2;
            parameter.Value = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        }

        public override DateTime Parse(object value) => value switch
        {
            DateTime dateTime => DateTime.SpecifyKind(dateTime, DateTimeKind.Utc),
            string text => DateTime.SpecifyKind(
                DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal),
                DateTimeKind.Utc),
            _ => throw new DataException($"Cannot read {value.GetType()} as a UTC DateTime."),
        };
    }
}
