using System.Data.Common;
using Dapper;
using Forum.Core.Moderation;
using Forum.Core.Photos;
using Forum.Data.Database;
using Forum.Data.Moderation;

namespace Forum.Data.Photos;

public sealed class PhotoRepository(ForumDatabase database) : IPhotoRepository
{
    private const string InsertSql = """
        INSERT INTO Photos (ThreadId, PostId, UploaderId, Hash, Width, Height, ThumbWidth, ThumbHeight, Bytes, CreatedAt)
        VALUES (@ThreadId, @PostId, @UploaderId, @Hash, @Width, @Height, @ThumbWidth, @ThumbHeight, @Bytes, @Now)
        """;

    /// <summary>Attaches photos to a thread (no post: the opening post) or a post, inside the writer's transaction.</summary>
    internal static async Task AttachAsync(DbConnection connection, DbTransaction transaction, long threadId, long? postId, long uploaderId,
        IReadOnlyList<NewPhoto> photos, DateTime now, CancellationToken cancellationToken)
    {
        foreach (var photo in photos)
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertSql, new
            {
                ThreadId = threadId, PostId = postId, UploaderId = uploaderId, photo.Hash, photo.Width, photo.Height,
                photo.ThumbWidth, photo.ThumbHeight, photo.Bytes, Now = now,
            }, transaction, cancellationToken: cancellationToken));
        }
    }

    private const string ListSql = """
        SELECT Id, PostId, Width, Height, ThumbWidth, ThumbHeight, IsHidden, HiddenReason, HiddenByRole
        FROM Photos WHERE ThreadId = @ThreadId ORDER BY Id
        """;

    public async Task<IReadOnlyList<PhotoView>> ListForThreadAsync(long threadId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PhotoRow>(new CommandDefinition(ListSql, new { ThreadId = threadId }, cancellationToken: cancellationToken));
        return rows.Select(r => new PhotoView(r.Id, r.PostId, r.Width, r.Height, r.ThumbWidth, r.ThumbHeight, r.IsHidden, r.HiddenReason, r.HiddenByRole)).ToList();
    }

    private const string ReferencedSql = "SELECT COUNT(*) FROM Photos WHERE Hash = @Hash";

    public async Task<bool> IsReferencedAsync(string hash, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(ReferencedSql, new { Hash = hash }, cancellationToken: cancellationToken)) > 0;
    }

    // Public when the photo, its thread and its post are visible.
    private const string FindFileSql = """
        SELECT ph.Id, ph.Hash,
               CASE WHEN ph.IsHidden = 0 AND t.IsHidden = 0 AND (o.Id IS NULL OR o.IsHidden = 0) THEN 1 ELSE 0 END AS IsPublic
        FROM Photos ph
        JOIN Threads t ON t.Id = ph.ThreadId
        LEFT JOIN Posts o ON o.Id = ph.PostId
        WHERE ph.Id = @PhotoId
        """;

    public async Task<PhotoFile?> FindFileAsync(long photoId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<FileRow>(new CommandDefinition(FindFileSql, new { PhotoId = photoId }, cancellationToken: cancellationToken));
        return row is null ? null : new PhotoFile(row.Id, row.Hash.Trim(), row.IsPublic == 1);
    }

    private const string ThreadOfPhotoSql = """
        SELECT t.Id AS ThreadId, t.CompanyId FROM Photos ph JOIN Threads t ON t.Id = ph.ThreadId WHERE ph.Id = @PhotoId
        """;

    public async Task<(long ThreadId, long CompanyId)?> FindThreadAsync(long photoId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QueryFirstOrDefaultAsync<(long ThreadId, long CompanyId)>(new CommandDefinition(ThreadOfPhotoSql, new { PhotoId = photoId }, cancellationToken: cancellationToken));
        return row.ThreadId == 0 ? null : row;
    }

    private const string HideSql = """
        UPDATE Photos SET IsHidden = 1, HiddenReason = @Reason, HiddenByRole = @Role WHERE Id = @PhotoId AND IsHidden = 0
        """;

    private const string PhotoThreadIdSql = "SELECT ThreadId FROM Photos WHERE Id = @PhotoId";

    public async Task<bool> HideAsync(long photoId, StaffMember actor, string reason, DateTime now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var threadId = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(PhotoThreadIdSql, new { PhotoId = photoId }, transaction, cancellationToken: cancellationToken));
        if (threadId is null
            || await connection.ExecuteAsync(new CommandDefinition(HideSql, new { PhotoId = photoId, Reason = reason, Role = actor.ActingRole }, transaction, cancellationToken: cancellationToken)) == 0)
        {
            return false;
        }

        await ModerationRepository.AuditAsync(connection, transaction, actor, threadId, "HidePhoto", $"photo {photoId}: visible", $"photo {photoId}: hidden ({reason})", now, cancellationToken);
        await Complaints.ThreadRecord.AppendAsync(connection, transaction, new Core.Complaints.ThreadEvent
        {
            ThreadId = threadId.Value, Kind = Core.Complaints.ThreadEventKind.PhotoHidden, At = now, ActorId = actor.UserId,
            ActorRole = actor.ActingRole, PhotoId = photoId, Text = reason,
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private sealed class PhotoRow
    {
        public long Id { get; init; }
        public long? PostId { get; init; }
        public int Width { get; init; }
        public int Height { get; init; }
        public int ThumbWidth { get; init; }
        public int ThumbHeight { get; init; }
        public bool IsHidden { get; init; }
        public string? HiddenReason { get; init; }
        public string? HiddenByRole { get; init; }
    }

    private sealed class FileRow
    {
        public long Id { get; init; }
        public string Hash { get; init; } = "";
        public int IsPublic { get; init; }
    }
}
