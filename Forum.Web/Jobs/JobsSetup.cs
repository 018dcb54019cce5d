using Forum.Data.Database;
using Forum.Web.Configuration;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.SqlServer;
using Microsoft.Extensions.Options;

namespace Forum.Web.Jobs;

/// <summary>
/// Hangfire in the web process: in-memory storage with SQLite (one node), SQL Server storage with SQL Server (several
/// nodes share the work). The database, not Hangfire, holds the truth, so a restart loses nothing.
/// The dashboard is not mapped: it comes with sign-in.
/// </summary>
public static class JobsSetup
{
    public static IServiceCollection AddForumJobs(this IServiceCollection services, IConfiguration configuration)
    {
        // This host's own storage (not the static JobStorage.Current), so that two hosts in one process — as in the
        // tests — never run each other's jobs.
        services.AddSingleton<JobStorage>(sp =>
        {
            var database = sp.GetRequiredService<ForumDatabase>();
            return database.Provider == DatabaseProvider.SqlServer
                ? new SqlServerStorage(database.ConnectionString, SqlServerStorageOptions())
                : new InMemoryStorage(new InMemoryStorageOptions());
        });

        services.AddHangfire((sp, config) => config
            .UseLogProvider(new HostSafeLogProvider(sp.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());

        var options = configuration.GetSection(ForumOptions.Section).Get<ForumOptions>() ?? new ForumOptions();
        if (options.Jobs.Enabled)
        {
            services.AddHangfireServer((sp, server) =>
            {
                server.SchedulePollingInterval = options.Jobs.PollingInterval;
                server.WorkerCount = Math.Max(2, Environment.ProcessorCount);
            });
        }

        services.AddScoped<SweepEscalationsJob>();
        services.AddScoped<WarnDeadlinesJob>();
        services.AddScoped<DeliverOutboxJob>();
        services.AddScoped<SendDigestJob>();
        services.AddScoped<NotifyJob>();
        services.AddSingleton<NotifySignal>();
        services.AddScoped<DatabaseUpkeepJob>();
        services.AddScoped<BackupJob>();
        return services;
    }

    /// <summary>
    /// Hangfire.SqlServer's options, in one place for the host and for the test that builds the storage without a
    /// server (installing the schema at start-up is the one step that needs one).
    /// </summary>
    public static SqlServerStorageOptions SqlServerStorageOptions(bool prepareSchema = true) => new()
    {
        SqlClientFactory = Microsoft.Data.SqlClient.SqlClientFactory.Instance,
        PrepareSchemaIfNecessary = prepareSchema,
        QueuePollInterval = TimeSpan.Zero,
    };

    /// <summary>Registers the recurring jobs under constant ids (re-registering updates them).</summary>
    public static void RegisterRecurringJobs(this IServiceProvider services)
    {
        var forum = services.GetRequiredService<IOptions<ForumOptions>>().Value;
        if (!forum.Jobs.Enabled)
        {
            return;
        }

        var escalation = services.GetRequiredService<IOptions<Core.Escalation.EscalationOptions>>().Value;
        var recurring = services.GetRequiredService<IRecurringJobManager>();
        var utc = new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc };
        recurring.AddOrUpdate<SweepEscalationsJob>(SweepEscalationsJob.RecurringId, job => job.RunAsync(CancellationToken.None), escalation.SweepCron, utc);
        recurring.AddOrUpdate<WarnDeadlinesJob>(WarnDeadlinesJob.RecurringId, job => job.RunAsync(CancellationToken.None), escalation.SweepCron, utc);
        recurring.AddOrUpdate<DeliverOutboxJob>(DeliverOutboxJob.RecurringId, job => job.RunAsync(CancellationToken.None), forum.Jobs.DeliveryCron, utc);
        recurring.AddOrUpdate<NotifyJob>(NotifyJob.RecurringId, job => job.RunAsync(CancellationToken.None), forum.Jobs.NotifyCron, utc);
        recurring.AddOrUpdate<DatabaseUpkeepJob>(DatabaseUpkeepJob.RecurringId, job => job.RunAsync(CancellationToken.None), DatabaseUpkeepJob.Cron, utc);
        recurring.AddOrUpdate<SendDigestJob>(SendDigestJob.RecurringId, job => job.RunAsync(CancellationToken.None), forum.Briefing.Cron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(forum.TimeZone) });
        BackupJob.Register(services, recurring);
    }
}
