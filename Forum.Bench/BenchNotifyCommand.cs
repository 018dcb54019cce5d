using System.Diagnostics;
using System.Globalization;
using Dapper;
using Forum.Core.Complaints;
using Forum.Core.Mail;
using Forum.Data.Database;
using Forum.Web.Configuration;
using Forum.Web.Jobs;
using Hangfire;

namespace Forum.Bench;

/// <summary>
/// <c>bench-notify [--complaints 10] [--messages 500]</c> on a fresh demo database with the jobs running as they do in
/// the web process (default crons and polling) and mail going to the configured SMTP server: the time from posting a
/// complaint to its intake mail being accepted; the time from a deadline to the escalation mail being accepted (the
/// first-response deadline is shortened with <c>--Forum:Escalation:FirstResponse</c> so it falls during the run); and
/// messages per second delivered. Prints median and maximum.
/// </summary>
public static class BenchNotifyCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var complaints = Option(args, "--complaints", 10);
        var messages = Option(args, "--messages", 500);

        var builder = Host.CreateApplicationBuilder(args.Where(a => a.StartsWith("--Forum:", StringComparison.Ordinal)).ToArray());
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        // A fresh demo database: its companies, recipients and the demo homeowner (the web host sets this in appsettings).
        builder.Configuration["Forum:DemoData"] ??= "true";
        builder.Services.AddForum(builder.Configuration);
        builder.Services.AddForumJobs(builder.Configuration);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        using var host = builder.Build();
        await host.Services.InitializeDatabaseAsync();
        host.Services.RegisterRecurringJobs();
        await host.StartAsync();

        var database = host.Services.GetRequiredService<ForumDatabase>();
        var firstResponse = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Forum.Core.Escalation.EscalationOptions>>().Value.FirstResponse;
        Console.WriteLine($"{complaints} complaints, first-response deadline {firstResponse}, delivery cron '{builder.Configuration["Forum:Jobs:DeliveryCron"] ?? "* * * * *"}' ({database.Provider})");

        // The demo's own backlog (first start) goes out first, so it does not queue ahead of what is measured.
        await WaitAsync(database, "SELECT COUNT(*) FROM OutboxMessages WHERE Status = 'Pending'", 0, TimeSpan.FromMinutes(5));

        var writer = host.Services.GetRequiredService<IComplaintWriter>();
        var jobs = host.Services.GetRequiredService<IBackgroundJobClient>();
        var (company, project, category, author) = await PlaceAsync(database);
        var ids = new List<long>();
        for (var i = 0; i < complaints; i++)
        {
            // As ComplaintService.PostAsync does: store, then enqueue the notifier.
            var id = await writer.CreateThreadAsync(
                new ValidComplaint(company, project, category, $"基准测试投诉 {i}：卫生间漏水", "卫生间天花板漏水，已经三天了，请尽快处理。", "测试", "13800000000", "1-101", Guid.NewGuid().ToString("N")),
                author, DateTime.UtcNow);
            jobs.Enqueue<NotifyJob>(job => job.RunAsync(CancellationToken.None));
            ids.Add(id);
            await Task.Delay(TimeSpan.FromSeconds(3));
        }

        var inList = string.Join(",", ids);
        var intakeRows = await WaitAsync(database, $"SELECT COUNT(*) FROM OutboxMessages WHERE Purpose = 'Intake' AND Status = 'Sent' AND ThreadId IN ({inList})", complaints, TimeSpan.FromMinutes(3));
        await using (var connection = await database.OpenAsync())
        {
            var intake = (await connection.QueryAsync<(DateTime CreatedAt, DateTime SentAt)>(
                $"SELECT t.CreatedAt, MIN(o.SentAt) AS SentAt FROM Threads t JOIN OutboxMessages o ON o.ThreadId = t.Id AND o.Purpose = 'Intake' AND o.Status = 'Sent' WHERE t.Id IN ({inList}) GROUP BY t.Id, t.CreatedAt"))
                .Select(r => (r.SentAt - r.CreatedAt).TotalSeconds).ToList();
            Print($"posting -> intake mail accepted ({intakeRows} mails)", intake);
        }

        // Deadlines: every complaint above runs out of its first-response time during the run.
        var reported = await WaitAsync(database, $"SELECT COUNT(*) FROM Escalations e WHERE e.ThreadId IN ({inList}) AND NOT EXISTS (SELECT 1 FROM OutboxMessages o WHERE o.EscalationId = e.Id AND o.Status <> 'Sent')", complaints, firstResponse + TimeSpan.FromMinutes(4));
        await using (var connection = await database.OpenAsync())
        {
            var report = (await connection.QueryAsync<(DateTime DueAt, DateTime SentAt)>(
                $"SELECT e.DueAt, MAX(o.SentAt) AS SentAt FROM Escalations e JOIN OutboxMessages o ON o.EscalationId = e.Id WHERE e.ThreadId IN ({inList}) AND o.Status = 'Sent' GROUP BY e.Id, e.DueAt"))
                .Select(r => (r.SentAt - r.DueAt).TotalSeconds).ToList();
            Print($"deadline -> every report mail accepted ({reported} escalations)", report);
        }

        await host.StopAsync();
        if (messages > 0)
        {
            var outbox = host.Services.GetRequiredService<IOutboxRepository>();
            var batch = Enumerable.Range(1, messages).Select(i => new OutgoingMessage(
                $"收件人 {i}", $"bench{i % 50}@example.com", "zh-CN", $"【T-{i:D6}】基准测试邮件", "正文", "<p>正文</p>", Guid.NewGuid().ToString("N") + "@forum.bench")).ToList();
            await outbox.EnqueueAsync("Benchmark", batch, DateTime.UtcNow);
            var stopwatch = Stopwatch.StartNew();
            var result = await host.Services.GetRequiredService<OutboxDelivery>().DeliverDueAsync();
            stopwatch.Stop();
            Console.WriteLine($"delivery: {result.Sent} sent in {stopwatch.Elapsed.TotalSeconds:F2} s = {result.Sent / stopwatch.Elapsed.TotalSeconds:F0} messages/s");
        }

        return 0;
    }

    private static void Print(string what, List<double> seconds)
    {
        if (seconds.Count == 0)
        {
            Console.WriteLine($"{what}: none");
            return;
        }

        seconds.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: median {seconds[seconds.Count / 2]:F1} s, max {seconds[^1]:F1} s (min {seconds[0]:F1} s)"));
    }

    /// <summary>Polls (once a second) until the count reaches <paramref name="target"/> or the time is up; returns the count.</summary>
    private static async Task<long> WaitAsync(ForumDatabase database, string countSql, long target, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            await using var connection = await database.OpenAsync();
            var count = await connection.ExecuteScalarAsync<long>(countSql);
            if ((target == 0 ? count == 0 : count >= target) || DateTime.UtcNow > deadline)
            {
                return count;
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    private static async Task<(long Company, long Project, long Category, long Author)> PlaceAsync(ForumDatabase database)
    {
        await using var connection = await database.OpenAsync();
        var project = await connection.QueryFirstAsync<(long Id, long CompanyId)>(
            "SELECT p.Id, p.CompanyId FROM Projects p WHERE EXISTS (SELECT 1 FROM EscalationRecipients r WHERE r.CompanyId = p.CompanyId AND r.Role = 'CustomerRelations' AND r.IsActive = 1) ORDER BY p.Id");
        var category = await connection.ExecuteScalarAsync<long>("SELECT MIN(Id) FROM Categories");
        var author = await connection.ExecuteScalarAsync<long>("SELECT Id FROM Users WHERE Email = 'homeowner@example.com'");
        return (project.CompanyId, project.Id, category, author);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }
}
