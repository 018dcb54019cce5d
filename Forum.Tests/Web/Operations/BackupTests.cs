using System.Net;
using System.Security.Cryptography;
using Forum.Data.Database;
using Forum.Data.Operations;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Tests.Web.Operations;

/// <summary>
/// Backups of a running forum: homeowners post complaints with photos through the real forms while the backup runs;
/// each snapshot restores into an empty data directory and holds a consistent database and every photo it names.
/// </summary>
public class BackupTests
{
    private static Dictionary<string, string?> Complaint(string title) => new()
    {
        ["Input.Company"] = "shenzhen",
        ["Input.Project"] = "sz-bayview-garden",
        ["Input.Category"] = "engineering",
        ["Input.Title"] = title,
        ["Input.Body"] = "客厅墙面出现裂缝，越来越长，照片见附件。",
        ["Input.RealName"] = "陈大文",
        ["Input.Phone"] = "13812345678",
        ["Input.Unit"] = "5栋1203",
    };

    private static async Task<string> PostAsync(HttpClient client, int seed)
    {
        var photo = new Forms.Upload("photos", $"p{seed}.jpg", "image/jpeg", TestImages.Photo(96, 64, seed: 7000 + seed));
        var response = await Forms.SubmitMultipartAsync(client, "/threads/new", "new-thread", Complaint($"备份期间的投诉 {seed} 号"), [photo]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Forms.Location(response)[9..17];
    }

    [Fact]
    public async Task BackupDuringABurstOfPosts_RestoresConsistentCountsAndEveryPhoto_AndTheNextBackupCopiesOnlyNewPhotos()
    {
        await using var app = new ForumAppFactory(new Dictionary<string, string?> { ["Forum:RateLimits:Enabled"] = "false" });
        var client = await Forms.SignInAsync(app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true }), "homeowner@example.com");
        var database = app.Services.GetRequiredService<ForumDatabase>();
        using var backups = new TempDirectory();
        for (var i = 0; i < 3; i++)
        {
            await PostAsync(client, i);
        }

        var before = await CountsAsync(database.ConnectionString);
        var underWay = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var burst = Task.Run(async () =>
        {
            for (var i = 3; i < 23; i++)
            {
                await PostAsync(client, i);
                if (i == 8)
                {
                    underWay.SetResult();
                }
            }
        });
        await underWay.Task;

        var during = await DataDirectoryBackup.BackupAsync(database, app.DataDirectory, backups.Path, new DateTime(2026, 12, 2, 3, 30, 0, DateTimeKind.Utc), keep: 7);
        await burst;
        var after = await CountsAsync(database.ConnectionString);
        var next = await DataDirectoryBackup.BackupAsync(database, app.DataDirectory, backups.Path, new DateTime(2026, 12, 3, 3, 30, 0, DateTimeKind.Utc), keep: 7);

        using var restoredDuring = new TempDirectory();
        using var restoredAfter = new TempDirectory();
        await DataDirectoryBackup.RestoreAsync(during.Snapshot, restoredDuring.Path);
        var restore = await DataDirectoryBackup.RestoreAsync(backups.Path, restoredAfter.Path);

        // The snapshot taken mid-burst is one instant: between the counts before and after, and whole.
        var mid = await CountsAsync(ForumDatabase.SqliteConnectionStringFor(restoredDuring.Path));
        Assert.InRange(mid.Threads, before.Threads + 1, after.Threads - 1);
        Assert.Equal(mid.Threads - before.Threads, mid.Photos - before.Photos);
        Assert.Empty(await ForeignKeyProblemsAsync(restoredDuring.Path));
        AssertEveryPhotoIsThere(restoredDuring.Path, await HashesAsync(restoredDuring.Path));

        // The newest snapshot (restore picks it from the backup folder) is the forum as it is now.
        Assert.Equal(next.Snapshot, restore.Snapshot);
        Assert.Equal(after, await CountsAsync(ForumDatabase.SqliteConnectionStringFor(restoredAfter.Path)));
        var hashes = await HashesAsync(restoredAfter.Path);
        Assert.Equal(await HashesAsync(app.DataDirectory), hashes);
        AssertEveryPhotoIsThere(restoredAfter.Path, hashes);
        // Incremental: the second backup finds the first one's files and copies only the rest (a photo and its thumbnail each).
        Assert.Equal(during.PhotosCopied, next.PhotosAlreadyThere);
        Assert.Equal(2 * hashes.Count, during.PhotosCopied + next.PhotosCopied);
        Assert.True(restore.Keys > 0, "data-protection keys travel with the snapshot");

        // The restored directory is a working forum: the last complaint reads as it did.
        await using var restoredApp = new ForumAppFactory(new Dictionary<string, string?> { ["Forum:DataDirectory"] = restoredAfter.Path });
        var page = await restoredApp.CreateClient().GetAsync("/threads/T-" + after.LastThreadId.ToString("D6", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("备份期间的投诉 22 号", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Restore_IntoADirectoryThatHoldsAnything_IsRefusedAndTouchesNothing()
    {
        await using var app = new ForumAppFactory();
        using var backups = new TempDirectory();
        await DataDirectoryBackup.BackupAsync(app.Services.GetRequiredService<ForumDatabase>(), app.DataDirectory, backups.Path, DateTime.UtcNow, keep: 7);
        using var occupied = new TempDirectory();
        var existing = Path.Combine(occupied.Path, "forum.db");
        await File.WriteAllTextAsync(existing, "the forum's own data");

        var exitCode = await Forum.Web.Operations.BackupCommands.RunAsync("restore", [backups.Path, "--Forum:DataDirectory=" + occupied.Path]);

        Assert.Equal(1, exitCode);
        Assert.Equal("the forum's own data", await File.ReadAllTextAsync(existing));
        Assert.Single(Directory.GetFileSystemEntries(occupied.Path));
    }

    [Fact]
    public async Task Backup_KeepsTheNewestSnapshots_AndRemovesTheOlderOnes()
    {
        await using var app = new ForumAppFactory();
        var database = app.Services.GetRequiredService<ForumDatabase>();
        using var backups = new TempDirectory();
        var first = new DateTime(2026, 12, 1, 3, 30, 0, DateTimeKind.Utc);

        BackupResult last = null!;
        for (var day = 0; day < 4; day++)
        {
            last = await DataDirectoryBackup.BackupAsync(database, app.DataDirectory, backups.Path, first.AddDays(day), keep: 2);
        }

        Assert.Equal([DataDirectoryBackup.SnapshotName(first.AddDays(3)), DataDirectoryBackup.SnapshotName(first.AddDays(2))],
            DataDirectoryBackup.Snapshots(backups.Path).Select(Path.GetFileName));
        Assert.Single(last.Removed);
        Assert.DoesNotContain(Directory.GetDirectories(backups.Path), d => d.EndsWith(".partial", StringComparison.Ordinal));
    }

    private sealed record Counts(long Threads, long Posts, long Photos, long LastThreadId);

    private static async Task<Counts> CountsAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT COUNT(*) FROM Threads), (SELECT COUNT(*) FROM Posts), (SELECT COUNT(*) FROM Photos), (SELECT MAX(Id) FROM Threads)";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new Counts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    private static async Task<List<string>> ForeignKeyProblemsAsync(string dataDirectory)
    {
        await using var connection = new SqliteConnection(ForumDatabase.SqliteConnectionStringFor(dataDirectory));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA foreign_key_check";
        await using var reader = await command.ExecuteReaderAsync();
        var problems = new List<string>();
        while (await reader.ReadAsync())
        {
            problems.Add(reader.GetString(0));
        }

        return problems;
    }

    private static async Task<List<string>> HashesAsync(string dataDirectory)
    {
        await using var connection = new SqliteConnection(ForumDatabase.SqliteConnectionStringFor(dataDirectory));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT Hash FROM Photos ORDER BY Hash";
        await using var reader = await command.ExecuteReaderAsync();
        var hashes = new List<string>();
        while (await reader.ReadAsync())
        {
            hashes.Add(reader.GetString(0));
        }

        return hashes;
    }

    private static void AssertEveryPhotoIsThere(string dataDirectory, IReadOnlyList<string> hashes)
    {
        Assert.NotEmpty(hashes);
        foreach (var hash in hashes)
        {
            var full = Path.Combine(dataDirectory, "photos", hash[..2], hash + ".jpg");
            Assert.Equal(hash, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(full))));
            Assert.True(File.Exists(Path.Combine(dataDirectory, "photos", hash[..2], hash + ".thumb.jpg")), hash);
        }
    }
}
