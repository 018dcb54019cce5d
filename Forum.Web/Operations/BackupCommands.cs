using Forum.Data.Database;
using Forum.Data.Operations;
using Forum.Web.Configuration;
using Microsoft.Extensions.Options;

namespace Forum.Web.Operations;

/// <summary>
/// <c>dotnet Forum.Web.dll backup DIR</c>: an online snapshot of the configured data directory into DIR while the
/// forum runs. <c>dotnet Forum.Web.dll restore DIR</c>: the newest snapshot in DIR (or the snapshot DIR itself) into
/// the configured data directory, which must be empty. Settings as for the web host (environment, <c>--Key=value</c>).
/// </summary>
public static class BackupCommands
{
    public static async Task<int> RunAsync(string command, string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync($"usage: {command} DIR [--Forum:DataDirectory=…]");
            return 2;
        }

        var builder = Host.CreateApplicationBuilder(args[1..]);
        builder.Services.AddForum(builder.Configuration);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        using var host = builder.Build();
        var options = host.Services.GetRequiredService<IOptions<ForumOptions>>().Value;
        try
        {
            if (command == "backup")
            {
                var result = await DataDirectoryBackup.BackupAsync(
                    host.Services.GetRequiredService<ForumDatabase>(), options.FullDataDirectory, args[0],
                    TimeProvider.System.GetUtcNow().UtcDateTime, int.MaxValue);
                Console.WriteLine($"backup {result.Snapshot}: database {result.DatabaseBytes:N0} bytes, {result.PhotosCopied:N0} photo files copied, " +
                                  $"{result.PhotosAlreadyThere:N0} already there, {result.Keys} keys, in {result.Elapsed.TotalSeconds:F1} s");
            }
            else
            {
                // Resolving nothing that opens the database: it does not exist yet.
                var result = await DataDirectoryBackup.RestoreAsync(args[0], options.FullDataDirectory);
                Console.WriteLine($"restored {result.Snapshot} into {options.FullDataDirectory}: database {result.DatabaseBytes:N0} bytes, " +
                                  $"{result.Photos:N0} photo files, {result.Keys} keys, in {result.Elapsed.TotalSeconds:F1} s");
            }

            return 0;
        }
        catch (InvalidOperationException refused)
        {
            await Console.Error.WriteLineAsync($"{command}: {refused.Message}");
            return 1;
        }
    }
}
