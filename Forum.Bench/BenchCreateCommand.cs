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
/// <c>bench-create [--count 5000] [--writers 8]</c>: creates complaints through the real service
/// (<see cref="ComplaintService.PostAsync"/>: account check, validation, the writer's transaction with its search
/// index rows and page-change rows) from several concurrent writers, as form posts would, and prints complaints per
/// second. Adds complaints to the database it runs on: use a bench copy.
/// </summary>
public static class BenchCreateCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        int Option(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        var count = Option("--count", 5000);
        var writers = Option("--writers", 8);

        var builder = Host.CreateApplicationBuilder();
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
        var next = 0;
        var failed = 0;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= count)
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
        stopwatch.Stop();
        Console.WriteLine($"{count:N0} complaints through ComplaintService, {writers} writers ({database.Provider}): {stopwatch.Elapsed.TotalSeconds:F2} s, "
            + $"{count / stopwatch.Elapsed.TotalSeconds:N0} complaints/s, {failed} refused");
        return failed == 0 ? 0 : 1;
    }
}
