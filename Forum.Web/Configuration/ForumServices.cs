using Forum.Core.Companies;
using Forum.Core.Complaints;
using Forum.Core.Time;
using Forum.Data.Companies;
using Forum.Data.Complaints;
using Forum.Data.Database;
using Forum.Data.Demo;
using Microsoft.Extensions.Options;

namespace Forum.Web.Configuration;

/// <summary>Composition of the forum's own services: database, repositories, clock and catalogue.</summary>
public static class ForumServices
{
    public static IServiceCollection AddForum(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ForumOptions>().Bind(configuration.GetSection(ForumOptions.Section));
        services.AddSingleton(TimeProvider.System);

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

            return new ForumDatabase(options.Database.Provider, connectionString);
        });

        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ForumOptions>>().Value;
            return new ForumClock(sp.GetRequiredService<TimeProvider>(), TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone));
        });

        services.AddSingleton<ICompanyRepository, CompanyRepository>();
        services.AddSingleton<IThreadRepository, ThreadRepository>();
        services.AddSingleton<DemoDataSeeder>();
        services.AddMemoryCache();
        services.AddSingleton<CatalogCache>();
        services.AddScoped<Complaints.ThreadBrowser>();
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

        if (options.LoadDemoData && await services.GetRequiredService<DemoDataSeeder>().SeedIfEmptyAsync(cancellationToken))
        {
            logger.LogInformation("Loaded the demo data into the empty {Provider} database", database.Provider);
        }
    }
}
