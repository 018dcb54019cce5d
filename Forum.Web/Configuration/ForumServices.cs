using Forum.Core.Companies;
using Forum.Core.Complaints;
using Forum.Core.Time;
using Forum.Data.Companies;
using Forum.Data.Complaints;
using Forum.Data.Database;
using Forum.Data.Demo;
using Forum.Core.Escalation;
using Forum.Core.Mail;
using Forum.Data.Escalation;
using Forum.Data.Mail;
using Forum.Web.Escalation;
using Forum.Web.Mail;
using Microsoft.Extensions.Options;

namespace Forum.Web.Configuration;

/// <summary>Composition of the forum's own services: database, repositories, clock and catalogue.</summary>
public static class ForumServices
{
    public static IServiceCollection AddForum(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ForumOptions>().Bind(configuration.GetSection(ForumOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddMetrics().AddSingleton<Operations.ForumMetrics>();

        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ForumOptions>>().Value;
            var connectionString = configuration.GetConnectionString("Forum");
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                if (options.Database.Provider != DatabaseProvider.Sqlite)
                {
                    throw new InvalidOperationException(
                        "Forum:Database:Provider is SqlServer but ConnectionStrings:Forum is not set.");
                }

                Directory.CreateDirectory(options.FullDataDirectory);
                connectionString = ForumDatabase.SqliteConnectionStringFor(options.FullDataDirectory);
            }

            return new ForumDatabase(options.Database.Provider, connectionString, options.Database.SqliteSynchronous);
        });

        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ForumOptions>>().Value;
            return new ForumClock(sp.GetRequiredService<TimeProvider>(), TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone));
        });

        services.AddSingleton<ICompanyRepository, CompanyRepository>();
        services.AddSingleton<IThreadRepository, ThreadRepository>();
        services.AddSingleton<DemoDataSeeder>();

        services.AddOptions<EscalationOptions>().Bind(configuration.GetSection(EscalationOptions.Section))
            .Validate(o => o.FirstResponse > TimeSpan.Zero && o.Solution > TimeSpan.Zero, "Forum:Escalation:FirstResponse and Solution must be positive durations (hh:mm:ss).")
            .Validate(o => o.GroupComplaintCoSigns > 0, "Forum:Escalation:GroupComplaintCoSigns must be at least 1.")
            .ValidateOnStart();
        services.AddSingleton(sp => new EscalationPolicy(sp.GetRequiredService<IOptions<EscalationOptions>>().Value));
        services.AddSingleton<IEscalationRepository, EscalationRepository>();
        services.AddSingleton<IEscalationMessageComposer, EscalationMailComposer>();
        services.AddSingleton<EscalationSweeper>();
        services.AddForumLadder();

        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection(SmtpOptions.Section));
        services.AddSingleton<IOutboxRepository, OutboxRepository>();
        services.AddSingleton<IMailTransport>(sp => sp.GetRequiredService<IOptions<SmtpOptions>>().Value.UsesPickupFolder
            ? ActivatorUtilities.CreateInstance<PickupFolderMailTransport>(sp)
            : ActivatorUtilities.CreateInstance<SmtpMailTransport>(sp));
        services.AddSingleton<OutboxDelivery>();
        services.AddForumMailMonitoring();
        Notifications.NotificationsSetup.AddForumNotifications(services, configuration);
        services.AddMemoryCache();
        services.AddSingleton<CatalogCache>();
        services.AddScoped<Complaints.ThreadBrowser>();
        services.AddScoped<Complaints.ThreadReader>();
        services.AddScoped<Complaints.ComplaintService>();
        services.AddSingleton<IComplaintWriter, ComplaintWriter>();
        services.AddSingleton<IMyComplaintsReader, MyComplaintsReader>();
        services.AddSingleton<ICoSignedComplaintsReader, CoSignedComplaintsReader>();
        services.AddSingleton<IThreadEventReader, ThreadEventReader>();
        services.AddSingleton<Forum.Core.Moderation.IModerationRepository, Forum.Data.Moderation.ModerationRepository>();
        services.AddScoped<Moderation.ModerationService>();
        services.AddSingleton<Moderation.QueueChanges>();
        services.AddSingleton<Moderation.QueueSnapshots>();
        services.AddSingleton<Components.Moderation.QueueMarkup>();
        services.AddSingleton<Forum.Core.Moderation.IReportRepository, Forum.Data.Moderation.ReportRepository>();
        services.AddOptions<Forum.Core.Moderation.ModerationOptions>().Bind(configuration.GetSection(Forum.Core.Moderation.ModerationOptions.Section))
            .Validate(o => o.ReportsToHide > 0, "Forum:Moderation:ReportsToHide must be at least 1.")
            .ValidateOnStart();
        services.AddScoped<Moderation.ReportService>();
        services.AddScoped<Moderation.AuditLogService>();
        services.AddSingleton<Forum.Core.Administration.IAdminRepository, Forum.Data.Administration.AdminRepository>();
        services.AddScoped<Administration.AdminService>();
        services.AddSingleton<Forum.Core.Briefing.IStatisticsRepository, Forum.Data.Briefing.StatisticsRepository>();
        services.AddSingleton<Briefing.ScoreboardService>();
        services.AddScoped<Briefing.BriefingService>();
        services.AddScoped<Briefing.BriefingChart>();
        services.AddSingleton<Briefing.DigestComposer>();
        services.AddSingleton<Forum.Core.Search.ISearchRepository, Forum.Data.Search.SearchRepository>();
        services.AddScoped<Search.SearchService>();
        services.AddSingleton<Forum.Core.Photos.IPhotoRepository, Forum.Data.Photos.PhotoRepository>();
        services.AddSingleton<Forum.Core.Photos.IPhotoStore>(sp =>
            new Forum.Data.Photos.FileSystemPhotoStore(Path.Combine(sp.GetRequiredService<IOptions<ForumOptions>>().Value.FullDataDirectory, "photos")));
        services.AddSingleton<Photos.PhotoUploads>();
        services.AddSingleton<Forum.Core.Sharing.ISharingRepository, Forum.Data.Sharing.SharingRepository>();
        return services;
    }

    /// <summary>Applies migrations and, when configured and empty, loads the demo data. Runs before the first request.</summary>
    public static async Task InitializeDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var database = services.GetRequiredService<ForumDatabase>();
        var options = services.GetRequiredService<IOptions<ForumOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Forum.Database");

        var applied = MigrationRunner.Apply(database);
        foreach (var script in applied)
        {
            logger.LogInformation("Applied migration {Script}", script);
        }

        if (options.DemoData && await services.GetRequiredService<DemoDataSeeder>().SeedIfEmptyAsync(cancellationToken))
        {
            logger.LogInformation("Loaded the demo data into the empty {Provider} database", database.Provider);
        }

        // Threads stored before schedules were (a migrated database): the policy decides their clocks once, here.
        var scheduled = await services.GetRequiredService<IEscalationRepository>().StoreMissingSchedulesAsync(
            services.GetRequiredService<EscalationPolicy>(), services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, cancellationToken);
        if (scheduled > 0)
        {
            logger.LogInformation("Stored the deadlines of {Count} threads", scheduled);
        }

        // Threads written without the index (demo data, generated data, a database from before search): index them.
        var indexed = await services.GetRequiredService<Forum.Core.Search.ISearchRepository>().IndexMissingAsync(cancellationToken);
        if (indexed > 0)
        {
            logger.LogInformation("Added {Count} threads to the search index", indexed);
        }
    }
}
