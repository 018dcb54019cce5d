using System.Globalization;
using Forum.Data.Generator;
using Forum.Web.Configuration;

namespace Forum.Bench;

/// <summary>
/// <c>dotnet run --project Forum.Bench -c Release -- generate-data --threads 1000000</c>: migrates the configured
/// database, loads the demo catalogue if it is empty (demo data is on here unless <c>Forum:DemoData</c> says
/// otherwise: the synthetic threads need its companies, projects and people), then appends synthetic threads for
/// benchmarks and adds them to the search index.
/// </summary>
public static class GenerateDataCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var threads = 100_000;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--threads" && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
            {
                threads = n;
                i++;
            }
            else
            {
                await Console.Error.WriteLineAsync("usage: generate-data [--threads N]   (N > 0, default 100000)");
                return 2;
            }
        }

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Forum:DemoData"] ??= "true";
        builder.Services.AddForum(builder.Configuration);
        builder.Services.AddSingleton<SyntheticDataGenerator>();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        using var host = builder.Build();

        await host.Services.InitializeDatabaseAsync();
        var generator = host.Services.GetRequiredService<SyntheticDataGenerator>();
        var progress = new Progress<int>(done => Console.WriteLine($"  {done:N0} / {threads:N0} threads"));
        var result = await generator.GenerateAsync(threads, progress);
        Console.WriteLine($"generated {result.Threads:N0} threads and {result.Posts:N0} posts in {result.Elapsed.TotalSeconds:F1} s");

        var started = System.Diagnostics.Stopwatch.StartNew();
        var indexed = await host.Services.GetRequiredService<Forum.Core.Search.ISearchRepository>().IndexMissingAsync();
        Console.WriteLine($"indexed {indexed:N0} threads for search in {started.Elapsed.TotalSeconds:F1} s");

        // A bulk load changes every table's shape: fresh planner statistics, and the page-change log trimmed.
        started.Restart();
        var database = host.Services.GetRequiredService<Forum.Data.Database.ForumDatabase>();
        var upkeep = new Forum.Data.Database.DatabaseUpkeep(database, new Forum.Data.Caching.PageChangeRepository(database));
        await upkeep.AnalyzeAsync();
        await upkeep.RunAsync();
        Console.WriteLine($"analyzed and trimmed the page-change log in {started.Elapsed.TotalSeconds:F1} s");
        return 0;
    }
}
