using System.Diagnostics;
using System.Globalization;
using Dapper;
using Forum.Core.Escalation;
using Forum.Core.Mail;
using Forum.Data.Database;
using Forum.Web.Configuration;
using Forum.Web.Jobs;

namespace Forum.Bench;

/// <summary>
/// <c>bench-escalation --due 100 [--runs 5] [--messages 2000]</c> on a generated database: makes <c>--due</c> threads
/// overdue for rung 1, times the sweep (median of the runs, with escalations per second and the CPU each took), prints
/// the due query's plan, then times the delivery of <c>--messages</c> outbox rows to the configured SMTP server.
/// Changes the database it runs on: use a bench copy.
/// </summary>
public static class BenchEscalationCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var due = Option(args, "--due", 100);
        var runs = Option(args, "--runs", 5);
        var messages = Option(args, "--messages", 2000);

        var builder = Host.CreateApplicationBuilder(BenchTiming.HostSettings());
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        builder.Services.AddForum(builder.Configuration);
        builder.Services.AddForumJobs(builder.Configuration);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        using var host = builder.Build();
        await host.Services.InitializeDatabaseAsync();

        var database = host.Services.GetRequiredService<ForumDatabase>();
        var sweeper = host.Services.GetRequiredService<EscalationSweeper>();
        await using (var connection = await database.OpenAsync())
        {
            var total = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Threads");
            Console.WriteLine($"{total:N0} threads, {due} made due per run, {runs} runs ({database.Provider})");
            if (database.Provider == DatabaseProvider.Sqlite)
            {
                var plan = await connection.QueryAsync<(long, long, long, string Detail)>(
                    "EXPLAIN QUERY PLAN SELECT Id FROM Threads WHERE EscalationDueAt <= @Now ORDER BY EscalationDueAt LIMIT 200", new { Now = DateTime.UtcNow });
                Console.WriteLine("plan: " + string.Join(" | ", plan.Select(p => p.Detail)));
            }
        }

        var timings = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            await MakeDueAsync(database, due);
            var cpu = BenchTiming.ProcessorTime();
            var stopwatch = Stopwatch.StartNew();
            var result = await sweeper.SweepAsync();
            stopwatch.Stop();
            cpu = BenchTiming.ProcessorTime() - cpu;
            timings.Add(stopwatch.Elapsed.TotalMilliseconds);
            Console.WriteLine($"  run {run + 1}: {stopwatch.Elapsed.TotalMilliseconds:F1} ms, {result.Escalations} escalations, {result.Messages} messages written "
                + $"= {result.Escalations / stopwatch.Elapsed.TotalSeconds:N0} escalations/s, {cpu.TotalMilliseconds / Math.Max(1, result.Escalations):F3} ms CPU each");
        }

        timings.Sort();
        Console.WriteLine($"sweep median {timings[timings.Count / 2]:F1} ms (min {timings[0]:F1}, max {timings[^1]:F1})");

        if (messages > 0)
        {
            await DeliveryRateAsync(host.Services, database, messages);
        }

        return 0;
    }

    private static async Task MakeDueAsync(ForumDatabase database, int due)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var total = await connection.ExecuteScalarAsync<long>("SELECT MAX(Id) FROM Threads", transaction: transaction);
        var now = DateTime.UtcNow;
        var ids = Enumerable.Range(0, due).Select(i => 1 + (total - 1) * i / Math.Max(1, due - 1)).Distinct().ToList();
        await connection.ExecuteAsync("DELETE FROM OutboxMessages", transaction: transaction);
        await connection.ExecuteAsync("DELETE FROM Escalations", transaction: transaction);
        foreach (var id in ids)
        {
            await connection.ExecuteAsync(
                """
                UPDATE Threads
                SET Status = 'Open', FirstOfficialReplyAt = NULL, SolutionProposedAt = NULL, ClosedAt = NULL, IsHidden = 0,
                    CreatedAt = @CreatedAt, EscalationDueAt = @CreatedAt
                WHERE Id = @Id
                """,
                new { Id = id, CreatedAt = now.AddHours(-3).AddMinutes(-1) }, transaction);
        }

        await transaction.CommitAsync();
    }

    private static async Task DeliveryRateAsync(IServiceProvider services, ForumDatabase database, int count)
    {
        var outbox = services.GetRequiredService<IOutboxRepository>();
        await using (var connection = await database.OpenAsync())
        {
            await connection.ExecuteAsync("DELETE FROM OutboxMessages");
        }

        var messages = Enumerable.Range(1, count).Select(i => new OutgoingMessage(
            $"收件人 {i}", $"bench{i % 50}@example.com", "zh-CN", $"【T-{i:D6}】基准测试邮件", "正文", "<p>正文</p>", Guid.NewGuid().ToString("N") + "@forum.bench")).ToList();
        await outbox.EnqueueAsync("Benchmark", messages, DateTime.UtcNow);

        var delivery = services.GetRequiredService<OutboxDelivery>();
        var cpu = BenchTiming.ProcessorTime();
        var stopwatch = Stopwatch.StartNew();
        var result = await delivery.DeliverDueAsync();
        stopwatch.Stop();
        cpu = BenchTiming.ProcessorTime() - cpu;
        Console.WriteLine($"delivery: {result.Sent} sent, {result.Retrying} retrying, {result.Failed} failed in {stopwatch.Elapsed.TotalSeconds:F2} s = {result.Sent / stopwatch.Elapsed.TotalSeconds:F0} messages/s, "
            + $"{cpu.TotalMilliseconds / Math.Max(1, result.Sent):F2} ms CPU each (the forum's side; the SMTP server is another process)");
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }
}
