using System.Diagnostics;
using System.Globalization;
using Forum.Web.Briefing;
using Forum.Web.Configuration;
using Forum.Web.Jobs;
using Microsoft.Extensions.Caching.Memory;

namespace Forum.Bench;

/// <summary>
/// <c>bench-briefing [--runs 20]</c> on a generated database: the time to build the morning briefing and the 30-day
/// scoreboard (uncached), median and p95 of the runs.
/// </summary>
public static class BenchBriefingCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var index = Array.IndexOf(args, "--runs");
        var runs = index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : 20;

        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        builder.Services.AddForum(builder.Configuration);
        builder.Services.AddForumJobs(builder.Configuration);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        using var host = builder.Build();
        await host.Services.InitializeDatabaseAsync();

        await BenchTiming.MeasureAsync("30-day scoreboard", runs, async () =>
        {
            // A fresh cache each run: the figure is the computation, not the cache.
            using var cache = new MemoryCache(new MemoryCacheOptions());
            var scoreboard = ActivatorUtilities.CreateInstance<ScoreboardService>(host.Services, cache);
            await scoreboard.ScoreAsync(30, ScoreSort.AnsweredWithinRule);
        });

        await BenchTiming.MeasureAsync("morning briefing", runs, async () =>
        {
            using var scope = host.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<BriefingService>().BuildAsync(null);
        });

        return 0;
    }
}
