using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using Dapper;
using Forum.Core.Accounts;
using Forum.Core.Complaints;
using Forum.Data.Database;
using Forum.Web.Accounts;
using Forum.Web.Complaints;
using Forum.Web.Configuration;
using Forum.Web.Jobs;

namespace Forum.Bench;

/// <summary>
/// <c>bench-create [--count 5000] [--writers 8] [--warmup 500]</c>: creates complaints through the real service
/// (<see cref="ComplaintService.PostAsync"/>: account check, validation, the writer's transaction with its search
/// index rows and page-change rows, the notifier's job) from several concurrent writers, as form posts would, and
/// prints complaints per second. The <c>--warmup</c> complaints first are not timed: a web node runs for days, so the
/// figure is its steady state, not the JIT compiling the code path. Adds complaints to the database it runs on: use a
/// bench copy.
/// </summary>
public static class BenchCreateCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        int Option(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        var count = Option("--count", 5000);
        var writers = Option("--writers", 8);
        var warmup = Option("--warmup", 500);

        var builder = Host.CreateApplicationBuilder(BenchTiming.HostSettings());
        builder.Configuration["Forum:DemoData"] ??= "true";
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        builder.Services.AddForum(builder.Configuration);
        builder.Services.AddForumJobs(builder.Configuration);
        builder.Services.AddForumAccounts(builder.Configuration);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        using var host = builder.Build();
        await host.Services.InitializeDatabaseAsync();

        var database = host.Services.GetRequiredService<ForumDatabase>();
        long homeowner;
        await using (var connection = await database.OpenAsync())
        {
            homeowner = await connection.ExecuteScalarAsync<long>("SELECT Id FROM Users WHERE NormalizedEmail = 'HOMEOWNER@EXAMPLE.COM'");
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, homeowner.ToString(CultureInfo.InvariantCulture)), new Claim(ClaimTypes.Role, ForumRoles.Homeowner)], "bench"));
        var failed = 0;
        await PostAsync(warmup);
        var cpu = BenchTiming.ProcessorTime();
        var stopwatch = Stopwatch.StartNew();
        await PostAsync(count);
        stopwatch.Stop();
        cpu = BenchTiming.ProcessorTime() - cpu;
        Console.WriteLine($"{count:N0} complaints through ComplaintService, {writers} writers ({database.Provider}, synchronous={database.Synchronous}, "
            + $"after {warmup:N0} untimed): {stopwatch.Elapsed.TotalSeconds:F2} s, {count / stopwatch.Elapsed.TotalSeconds:N0} complaints/s, "
            + $"{cpu.TotalMilliseconds / count:F2} ms CPU each, {failed} refused");
        return failed == 0 ? 0 : 1;

        Task PostAsync(int total)
        {
            var next = 0;
            return Task.WhenAll(Enumerable.Range(0, writers).Select(async _ =>
            {
                while (Interlocked.Increment(ref next) <= total)
                {
                    using var scope = host.Services.CreateScope();
                    var result = await scope.ServiceProvider.GetRequiredService<ComplaintService>().PostAsync(principal, new ComplaintDraft
                    {
                        Company = "shenzhen", Project = "sz-bayview-garden", Category = "engineering",
                        Title = "压测：卫生间漏水", Body = "楼上漏水到我家卫生间，已经三天了，请尽快处理。",
                        RealName = "压测业主", Phone = "13800000000", Unit = "1栋101", RequestId = Guid.NewGuid().ToString("N"),
                    });
                    if (result.ThreadId is null)
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
            }));
        }
    }
}
