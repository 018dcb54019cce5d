using System.Diagnostics;
using System.Globalization;
using Forum.Data.Database;
using Microsoft.Data.Sqlite;

namespace Forum.Data.Operations;

/// <summary>What one backup wrote: the snapshot folder, the database's size, and how many files it copied or found.</summary>
public sealed record BackupResult(string Snapshot, long DatabaseBytes, int PhotosCopied, int PhotosAlreadyThere, int Keys, IReadOnlyList<string> Removed, TimeSpan Elapsed);

/// <summary>What a restore wrote into the empty data directory.</summary>
public sealed record RestoreResult(string Snapshot, long DatabaseBytes, int Photos, int Keys, TimeSpan Elapsed);

/// <summary>
/// Backups of the embedded default (SQLite) while the forum runs. A backup folder holds one snapshot folder per run,
/// <c>forum-yyyyMMdd-HHmmssZ/</c> with <c>forum.db</c> and <c>keys/</c>, and one <c>photos/</c> folder shared by all
/// snapshots: photos are named by their content hash and never change, so each run copies only the new ones.
/// <list type="bullet">
/// <item>The database is copied with SQLite's online backup API in one step: one read transaction, so the copy is the
/// database as it was at one instant, while writers go on (WAL).</item>
/// <item>The photos are copied after the database, so every photo the copy refers to is already on disk.</item>
/// <item>A snapshot is written under a temporary name and renamed when complete: a crash never leaves a folder that
/// looks like a backup and is not one.</item>
/// </list>
/// </summary>
public static class DataDirectoryBackup
{
    public const string DatabaseFile = "forum.db";
    public const string PhotosFolder = "photos";
    public const string KeysFolder = "keys";
    public const string SnapshotPrefix = "forum-";
    private const string SnapshotFormat = "yyyyMMdd-HHmmss";

    /// <summary>The snapshot folder's name for a backup taken at <paramref name="at"/> (UTC).</summary>
    public static string SnapshotName(DateTime at) => SnapshotPrefix + at.ToString(SnapshotFormat, CultureInfo.InvariantCulture) + "Z";

    /// <summary>
    /// Copies the database, the new photos and the data-protection keys into a new snapshot under
    /// <paramref name="backupRoot"/>, then removes the oldest snapshots beyond <paramref name="keep"/>. A snapshot of
    /// the same second that already exists (another node's run of the nightly job) is left as it is.
    /// </summary>
    public static async Task<BackupResult> BackupAsync(ForumDatabase database, string dataDirectory, string backupRoot, DateTime at, int keep, CancellationToken cancellationToken = default)
    {
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            throw new InvalidOperationException("Backups of SQL Server are SQL Server's own (BACKUP DATABASE): see the README, \"Backups\".");
        }

        var started = Stopwatch.StartNew();
        backupRoot = Path.GetFullPath(backupRoot);
        var snapshot = Path.Combine(backupRoot, SnapshotName(at));
        var partial = Path.Combine(backupRoot, "." + SnapshotName(at) + "." + Guid.NewGuid().ToString("N") + ".partial");
        Directory.CreateDirectory(partial);
        try
        {
            var databasePath = Path.Combine(partial, DatabaseFile);
            await CopyDatabaseAsync(database.ConnectionString, databasePath, cancellationToken);
            var (copied, present) = CopyPhotos(Path.Combine(dataDirectory, PhotosFolder), Path.Combine(backupRoot, PhotosFolder), cancellationToken);
            var keys = CopyFolder(Path.Combine(dataDirectory, KeysFolder), Path.Combine(partial, KeysFolder));
            var bytes = new FileInfo(databasePath).Length;
            if (Directory.Exists(snapshot))
            {
                Directory.Delete(partial, recursive: true);
            }
            else
            {
                Directory.Move(partial, snapshot);
            }

            var removed = Prune(backupRoot, keep);
            return new BackupResult(snapshot, bytes, copied, present, keys, removed, started.Elapsed);
        }
        catch
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(partial))
            {
                Directory.Delete(partial, recursive: true);
            }

            throw;
        }
    }

    /// <summary>
    /// Restores a snapshot (or, given a backup folder, its newest snapshot) into <paramref name="dataDirectory"/>,
    /// which must be empty or absent: a restore never mixes with, or overwrites, a forum's data.
    /// </summary>
    public static async Task<RestoreResult> RestoreAsync(string backup, string dataDirectory, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.StartNew();
        var snapshot = FindSnapshot(Path.GetFullPath(backup));
        dataDirectory = Path.GetFullPath(dataDirectory);
        if (Directory.Exists(dataDirectory) && Directory.EnumerateFileSystemEntries(dataDirectory).Any())
        {
            throw new InvalidOperationException($"The data directory {dataDirectory} is not empty; restore only into an empty one (move the old one aside first).");
        }

        Directory.CreateDirectory(dataDirectory);
        var databasePath = Path.Combine(dataDirectory, DatabaseFile);
        File.Copy(Path.Combine(snapshot, DatabaseFile), databasePath);
        await CheckDatabaseAsync(databasePath, cancellationToken);
        var keys = CopyFolder(Path.Combine(snapshot, KeysFolder), Path.Combine(dataDirectory, KeysFolder));
        var (photos, _) = CopyPhotos(Path.Combine(Path.GetDirectoryName(snapshot)!, PhotosFolder), Path.Combine(dataDirectory, PhotosFolder), cancellationToken);
        return new RestoreResult(snapshot, new FileInfo(databasePath).Length, photos, keys, started.Elapsed);
    }

    /// <summary>The complete snapshots in a backup folder, newest first.</summary>
    public static IReadOnlyList<string> Snapshots(string backupRoot) =>
        Directory.Exists(backupRoot)
            ? Directory.GetDirectories(backupRoot, SnapshotPrefix + "*")
                .Where(d => File.Exists(Path.Combine(d, DatabaseFile)))
                .OrderDescending(StringComparer.Ordinal)
                .ToList()
            : [];

    private static string FindSnapshot(string backup)
    {
        if (File.Exists(Path.Combine(backup, DatabaseFile)))
        {
            return backup;
        }

        return Snapshots(backup).FirstOrDefault()
            ?? throw new InvalidOperationException($"No backup in {backup}: expected a folder holding {DatabaseFile}, or a backup folder of {SnapshotPrefix}* snapshots.");
    }

    private static async Task CopyDatabaseAsync(string sourceConnectionString, string destinationPath, CancellationToken cancellationToken)
    {
        await using var source = new SqliteConnection(sourceConnectionString);
        await source.OpenAsync(cancellationToken);
        var destinationConnectionString = new SqliteConnectionStringBuilder { DataSource = destinationPath, Pooling = false }.ToString();
        await using var destination = new SqliteConnection(destinationConnectionString);
        await destination.OpenAsync(cancellationToken);
        // All pages in one step: one read transaction on the source, hence one consistent instant.
        source.BackupDatabase(destination);
        await using var command = destination.CreateCommand();
        // The copy is a single file: no -wal beside it until it is opened by a forum again.
        command.CommandText = "PRAGMA journal_mode = DELETE;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task CheckDatabaseAsync(string path, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA quick_check;";
        var answer = (string?)await command.ExecuteScalarAsync(cancellationToken);
        if (answer != "ok")
        {
            throw new InvalidOperationException($"The restored database fails SQLite's check: {answer}");
        }

        command.CommandText = "PRAGMA journal_mode = WAL;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // Content-addressed: a file of the same name is the same photo, so it is skipped. Temporary files being written
    // by an upload (*.tmp) are not photos yet.
    private static (int Copied, int Present) CopyPhotos(string from, string to, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(from))
        {
            return (0, 0);
        }

        var copied = 0;
        var present = 0;
        foreach (var file in Directory.EnumerateFiles(from, "*.jpg", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            if (File.Exists(target))
            {
                present++;
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var temporary = target + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.Copy(file, temporary);
            File.Move(temporary, target, overwrite: true);
            copied++;
        }

        return (copied, present);
    }

    private static int CopyFolder(string from, string to)
    {
        if (!Directory.Exists(from))
        {
            return 0;
        }

        Directory.CreateDirectory(to);
        var files = Directory.GetFiles(from);
        foreach (var file in files)
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }

        return files.Length;
    }

    private static IReadOnlyList<string> Prune(string backupRoot, int keep)
    {
        var removed = new List<string>();
        foreach (var old in Snapshots(backupRoot).Skip(Math.Max(1, keep)))
        {
            Directory.Delete(old, recursive: true);
            removed.Add(old);
        }

        return removed;
    }
}
