using Forum.Data.Database;
using Forum.Data.Operations;
using Forum.Web.Configuration;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Forum.Web.Jobs;

/// <summary>
/// Recurring (<c>Forum:Backup:Cron</c>, SQLite only): a snapshot of the data directory into <c>Forum:Backup:Directory</c>,
/// keeping the newest <c>Forum:Backup:Keep</c>. Each node of a SQLite pair runs it; a second run in the same second
/// finds the snapshot there and leaves it.
/// </summary>
public sealed class BackupJob(ForumDatabase database, IOptions<ForumOptions> options, TimeProvider time, ILogger<BackupJob> logger)
{
    public const string RecurringId = "backup";

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 2)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var forum = options.Value;
        var result = await DataDirectoryBackup.BackupAsync(database, forum.FullDataDirectory, forum.Backup.FullDirectory(forum.FullDataDirectory),
            time.GetUtcNow().UtcDateTime, forum.Backup.Keep, cancellationToken);
        logger.LogInformation("Backup {Snapshot}: {DatabaseBytes} bytes of database, {PhotosCopied} new photo files, {Removed} old snapshot(s) removed, in {Elapsed}",
            result.Snapshot, result.DatabaseBytes, result.PhotosCopied, result.Removed.Count, result.Elapsed);
    }

    /// <summary>Registers the nightly backup when it applies (SQLite, enabled); removes it otherwise.</summary>
    public static void Register(IServiceProvider services, IRecurringJobManager recurring)
    {
        var forum = services.GetRequiredService<IOptions<ForumOptions>>().Value;
        if (services.GetRequiredService<ForumDatabase>().Provider != DatabaseProvider.Sqlite || !forum.Backup.Enabled)
        {
            recurring.RemoveIfExists(RecurringId);
            return;
        }

        recurring.AddOrUpdate<BackupJob>(RecurringId, job => job.RunAsync(CancellationToken.None), forum.Backup.Cron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(forum.TimeZone) });
    }
}
