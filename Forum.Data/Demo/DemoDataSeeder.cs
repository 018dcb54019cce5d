using System.Data.Common;
using Dapper;
using Forum.Core.Accounts;
using Forum.Core.Complaints;
using Forum.Core.Escalation;
using Microsoft.AspNetCore.Identity;
using Forum.Data.Complaints;
using Forum.Data.Database;

namespace Forum.Data.Demo;

/// <summary>
/// Loads the demo companies, projects, people and complaints into an empty database (<c>Forum:DemoData</c>), all in
/// one transaction: a crash half-way leaves the database empty and the next start tries again. The complaints come
/// with their past (<see cref="DemoHistory"/>): the escalations that fell due before now are recorded when they fell
/// due (and no mail is written for them: nobody was ever told), the deadlines their replies met, the closed ones'
/// ratings; each thread stores the schedule the policy decides from that past, so the first sweep sends only what
/// falls due from now on.
/// </summary>
public sealed class DemoDataSeeder(ForumDatabase database, TimeProvider timeProvider, EscalationPolicy? policy = null)
{
    private readonly EscalationPolicy _policy = policy ?? new(new EscalationOptions());

    private const string CountCompaniesSql = "SELECT COUNT(*) FROM Companies";

    /// <summary>Seeds when there are no companies yet; returns whether it did.</summary>
    public async Task<bool> SeedIfEmptyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (await connection.ExecuteScalarAsync<long>(CountCompaniesSql) > 0)
        {
            return false;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var catalog = await InsertCatalogAsync(connection, transaction);
        await InsertThreadsAsync(connection, transaction, catalog, timeProvider.GetUtcNow().UtcDateTime, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Ids of what <see cref="InsertCatalogAsync"/> wrote, by slug, code and key.</summary>
    internal sealed record SeededCatalog(
        Dictionary<string, long> Companies,
        Dictionary<string, (long Id, long CompanyId)> Projects,
        Dictionary<string, long> Categories,
        Dictionary<string, (long Id, long? CompanyId)> People);

    private const string InsertCompanySql = """
        INSERT INTO Companies (Slug, Kind, Name, NameEn, SortOrder) VALUES (@Slug, @Kind, @Name, @NameEn, @SortOrder);
        """;

    private const string InsertProjectSql = """
        INSERT INTO Projects (CompanyId, Slug, Name, NameEn, City) VALUES (@CompanyId, @Slug, @Name, @NameEn, @City);
        """;

    private const string InsertUserSql = """
        INSERT INTO Users (DisplayName, CompanyId, CreatedAt) VALUES (@DisplayName, @CompanyId, @CreatedAt);
        """;

    private const string InsertRecipientSql = """
        INSERT INTO EscalationRecipients (CompanyId, Role, Name, Email, Language, IsActive)
        VALUES (@CompanyId, @Role, @Name, @Email, @Language, 1)
        """;

    private const string SetAccountSql = """
        UPDATE Users
        SET Email = @Email, NormalizedEmail = @NormalizedEmail, EmailConfirmed = 1, PasswordHash = @PasswordHash,
            SecurityStamp = @SecurityStamp, ConcurrencyStamp = @ConcurrencyStamp, CompanyId = @CompanyId
        WHERE Id = @Id
        """;

    private const string InsertDemoRoleSql = "INSERT INTO UserRoles (UserId, Role) VALUES (@UserId, @Role)";

    /// <summary>The demo sign-ins (README), with Identity's own password hasher.</summary>
    private async Task InsertAccountsAsync(
        DbConnection connection, DbTransaction transaction, Dictionary<string, long> companies, Dictionary<string, (long Id, long? CompanyId)> people, DateTime now)
    {
        var hasher = new PasswordHasher<ForumUser>();
        foreach (var account in DemoContent.Accounts)
        {
            var userId = account.PersonKey is { } key
                ? people[key].Id
                : await connection.ExecuteScalarAsync<long>(InsertUserSql + "\n" + database.Dialect.SelectInsertedId,
                    new { DisplayName = account.DisplayName!, CompanyId = (long?)null, CreatedAt = now.AddDays(-90) }, transaction);
            var user = new ForumUser { Id = userId, Email = account.Email };
            await connection.ExecuteAsync(SetAccountSql, new
            {
                Id = userId,
                account.Email,
                NormalizedEmail = account.Email.Normalize().ToUpperInvariant(),
                PasswordHash = hasher.HashPassword(user, DemoContent.DemoPassword),
                SecurityStamp = Guid.NewGuid().ToString("N"),
                ConcurrencyStamp = Guid.NewGuid().ToString("N"),
                CompanyId = account.CompanySlug is { } slug ? companies[slug] : (long?)null,
            }, transaction);
            await connection.ExecuteAsync(InsertDemoRoleSql, new { UserId = userId, account.Role }, transaction);
        }

        foreach (var homeowner in DemoContent.Homeowners.Where(h => DemoContent.Accounts.All(a => a.PersonKey != h.Key)))
        {
            await connection.ExecuteAsync(InsertDemoRoleSql, new { UserId = people[homeowner.Key].Id, Role = ForumRoles.Homeowner }, transaction);
        }
    }

    private const string ListCategoryIdsSql = "SELECT Code, Id FROM Categories";

    internal async Task<SeededCatalog> InsertCatalogAsync(DbConnection connection, DbTransaction transaction)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var companies = new Dictionary<string, long>();
        var order = 0;
        foreach (var company in DemoContent.Companies)
        {
            companies[company.Slug] = await InsertAsync(connection, transaction, InsertCompanySql,
                new { company.Slug, Kind = company.Kind.ToString(), company.Name, company.NameEn, SortOrder = order += 10 });
        }

        var projects = new Dictionary<string, (long, long)>();
        foreach (var project in DemoContent.Projects)
        {
            var companyId = companies[project.CompanySlug];
            var id = await InsertAsync(connection, transaction, InsertProjectSql,
                new { CompanyId = companyId, project.Slug, project.Name, project.NameEn, project.City });
            projects[project.Slug] = (id, companyId);
        }

        var categories = (await connection.QueryAsync<(string Code, long Id)>(ListCategoryIdsSql, transaction: transaction))
            .ToDictionary(c => c.Code, c => c.Id);

        var people = new Dictionary<string, (long, long?)>();
        foreach (var staff in DemoContent.Staff)
        {
            var companyId = companies[staff.CompanySlug];
            var id = await InsertAsync(connection, transaction, InsertUserSql,
                new { staff.DisplayName, CompanyId = (long?)companyId, CreatedAt = now.AddDays(-90) });
            people[staff.Key] = (id, companyId);
        }

        foreach (var homeowner in DemoContent.Homeowners)
        {
            var id = await InsertAsync(connection, transaction, InsertUserSql,
                new { homeowner.DisplayName, CompanyId = (long?)null, CreatedAt = now.AddDays(-60) });
            people[homeowner.Key] = (id, null);
        }

        await InsertAccountsAsync(connection, transaction, companies, people, now);

        foreach (var recipient in DemoContent.Recipients)
        {
            await connection.ExecuteAsync(InsertRecipientSql, new
            {
                CompanyId = companies[recipient.CompanySlug], Role = recipient.Role.ToString(), recipient.Name, recipient.Email, recipient.Language,
            }, transaction);
        }

        return new SeededCatalog(companies, projects, categories, people);
    }

    private const string InsertThreadSql = """
        INSERT INTO Threads (CompanyId, ProjectId, CategoryId, AuthorId, Title, Body, Status, CreatedAt, UpdatedAt,
                             FirstOfficialReplyAt, SolutionProposedAt, ClosedAt, ReopenedAt, ResolutionSummary,
                             ReplyCount, CoSignCount, IsGroupComplaint, ReopenCount, AwaitingHomeownerSince,
                             ConfirmedAt, Rating, RatingComment)
        VALUES (@CompanyId, @ProjectId, @CategoryId, @AuthorId, @Title, @Body, @Status, @CreatedAt, @UpdatedAt,
                @FirstOfficialReplyAt, @SolutionProposedAt, @ClosedAt, @ReopenedAt, @ResolutionSummary,
                @ReplyCount, @CoSignCount, @IsGroupComplaint, @ReopenCount, @AwaitingHomeownerSince,
                @ConfirmedAt, @Rating, @RatingComment);
        """;

    private const string InsertContactSql = """
        INSERT INTO ThreadContacts (ThreadId, RealName, Phone, Unit) VALUES (@ThreadId, @RealName, @Phone, @Unit)
        """;

    /// <summary>Made-up private contacts for the demo threads (phone numbers in the 1380000xxxx test range).</summary>
    private static readonly string[] DemoRealNames = ["陈志强", "周丽", "王建国", "张敏", "李娜", "刘洋", "赵磊", "黄婷", "林峰", "吴静"];

    private const string InsertPostSql = """
        INSERT INTO Posts (ThreadId, Kind, AuthorId, CompanyId, Body, EventType, CreatedAt)
        VALUES (@ThreadId, @Kind, @AuthorId, @CompanyId, @Body, @EventType, @CreatedAt);
        """;

    private async Task InsertThreadsAsync(DbConnection connection, DbTransaction transaction, SeededCatalog catalog, DateTime now, CancellationToken cancellationToken)
    {
        // Oldest first, so thread numbers rise with posting time as they do in real life.
        foreach (var thread in DemoContent.Threads.OrderByDescending(t => t.Age))
        {
            var postedAt = now - thread.Age;
            var (projectId, companyId) = catalog.Projects[thread.ProjectSlug];
            var official = thread.Replies.Where(r => r.Kind is PostKind.OfficialReply or PostKind.Solution).ToList();
            var closedAt = thread.ClosedAfter is { } closedAfter ? postedAt + closedAfter : (DateTime?)null;
            var reopenedAt = thread.Status == ThreadStatus.Reopened && closedAt is { } c
                ? thread.Replies.Where(r => postedAt + r.After > c).Select(r => postedAt + r.After).DefaultIfEmpty(c.AddHours(1)).First()
                : (DateTime?)null;
            // A waiting complaint waits since the official reply that asked the homeowner: its first one.
            var awaitingSince = thread.Status == ThreadStatus.AwaitingHomeowner && official.Count > 0 ? postedAt + official[0].After : (DateTime?)null;
            var confirmedAt = closedAt + thread.Rating?.AfterClosing;
            var lastActivity = thread.Replies.Length > 0 ? postedAt + thread.Replies[^1].After : postedAt;

            var threadId = await InsertAsync(connection, transaction, InsertThreadSql, new
            {
                CompanyId = companyId,
                ProjectId = projectId,
                CategoryId = catalog.Categories[thread.CategoryCode],
                AuthorId = catalog.People[thread.AuthorKey].Id,
                thread.Title,
                thread.Body,
                Status = thread.Status.ToString(),
                CreatedAt = postedAt,
                UpdatedAt = confirmedAt is { } confirmed && confirmed > lastActivity ? confirmed : lastActivity,
                FirstOfficialReplyAt = official.Count > 0 ? postedAt + official[0].After : (DateTime?)null,
                SolutionProposedAt = thread.Replies.Where(r => r.Kind == PostKind.Solution).Select(r => postedAt + r.After).Cast<DateTime?>().FirstOrDefault(),
                ClosedAt = closedAt,
                ReopenedAt = reopenedAt,
                thread.ResolutionSummary,
                ReplyCount = thread.Replies.Length,
                CoSignCount = thread.CoSigns,
                IsGroupComplaint = thread.CoSigns >= 10,
                ReopenCount = reopenedAt is null ? 0 : 1,
                AwaitingHomeownerSince = awaitingSince,
                ConfirmedAt = confirmedAt,
                Rating = thread.Rating?.Stars,
                RatingComment = thread.Rating?.Comment,
            });

            var seq = (int)(threadId % DemoRealNames.Length);
            await connection.ExecuteAsync(InsertContactSql, new
            {
                ThreadId = threadId,
                RealName = DemoRealNames[seq],
                Phone = "1380000" + (1000 + threadId).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Unit = $"{1 + (threadId % 12)}栋{1 + (threadId % 25)}0{1 + (threadId % 4)}",
            }, transaction);

            var authorId = catalog.People[thread.AuthorKey].Id;
            int CycleAt(DateTime at) => reopenedAt is { } r && at >= r ? 1 : 0;
            await ThreadRecord.AppendAsync(connection, transaction, new ThreadEvent
            {
                ThreadId = threadId, Kind = ThreadEventKind.Posted, At = postedAt, ActorId = authorId, ActorRole = EventActors.Homeowner,
            }, cancellationToken);
            var postIds = new List<long>(thread.Replies.Length);
            foreach (var reply in thread.Replies)
            {
                var author = catalog.People[reply.AuthorKey];
                var replyAt = postedAt + reply.After;
                var postId = await InsertAsync(connection, transaction, InsertPostSql, new
                {
                    ThreadId = threadId,
                    Kind = reply.Kind.ToString(),
                    AuthorId = author.Id,
                    CompanyId = reply.Kind is PostKind.OfficialReply or PostKind.Solution ? author.CompanyId : null,
                    reply.Body,
                    EventType = (string?)null,
                    CreatedAt = replyAt,
                });
                postIds.Add(postId);
                await ThreadRecord.AppendAsync(connection, transaction, new ThreadEvent
                {
                    ThreadId = threadId,
                    Kind = reply.Kind switch
                    {
                        PostKind.Solution => ThreadEventKind.SolutionProposed,
                        PostKind.OfficialReply => ThreadEventKind.OfficialReply,
                        _ => ThreadEventKind.Replied,
                    },
                    At = replyAt,
                    Cycle = CycleAt(replyAt),
                    ActorId = author.Id,
                    ActorRole = RoleOf(reply.AuthorKey),
                    PostId = postId,
                }, cancellationToken);
            }

            if (awaitingSince is { } waitFrom)
            {
                await ThreadRecord.AppendAsync(connection, transaction, new ThreadEvent
                {
                    ThreadId = threadId, Kind = ThreadEventKind.AwaitingHomeowner, At = waitFrom, ActorId = catalog.People[official[0].AuthorKey].Id,
                    ActorRole = RoleOf(official[0].AuthorKey),
                    FromValue = nameof(ThreadStatus.Answered), ToValue = nameof(ThreadStatus.AwaitingHomeowner),
                }, cancellationToken);
            }

            if (closedAt is { } closing)
            {
                await ThreadRecord.AppendAsync(connection, transaction, new ThreadEvent
                {
                    ThreadId = threadId, Kind = ThreadEventKind.Closed, At = closing, ActorRole = ForumRoles.LocalStaff, Text = thread.ResolutionSummary,
                }, cancellationToken);
            }

            if (confirmedAt is { } ratedAt && thread.Rating is { } rating)
            {
                await ThreadRecord.AppendAsync(connection, transaction, new ThreadEvent
                {
                    ThreadId = threadId, Kind = ThreadEventKind.Rated, At = ratedAt, ActorId = authorId, ActorRole = EventActors.Homeowner,
                    Rating = rating.Stars, Text = rating.Comment,
                }, cancellationToken);
            }

            if (reopenedAt is { } reopened)
            {
                await ThreadRecord.AppendAsync(connection, transaction, new ThreadEvent
                {
                    ThreadId = threadId, Kind = ThreadEventKind.Reopened, At = reopened, Cycle = 1, ActorId = authorId, ActorRole = EventActors.Homeowner,
                }, cancellationToken);
            }

            var past = DemoHistory.Replay(_policy, thread, postedAt, closedAt, reopenedAt, awaitingSince, now);
            await InsertPastAsync(connection, transaction, threadId, thread, catalog, postIds, past, cancellationToken);

            // What the policy decides from that past, stored as every writer stores it.
            await ThreadRecord.StoreBackfilledScheduleAsync(connection, transaction, database.Dialect, _policy, threadId, closedAt, now, cancellationToken);
        }
    }

    /// <summary>The role a demo person acts in: HQ or local staff by their company, otherwise a homeowner.</summary>
    private static string RoleOf(string personKey) => DemoContent.Staff.FirstOrDefault(s => s.Key == personKey) is { } staff
        ? staff.CompanySlug == "hq" ? ForumRoles.HqStaff : ForumRoles.LocalStaff
        : EventActors.Homeowner;

    // History, not news: RecipientCount 0 and no outbox rows, because no message was written or sent for them; the
    // proof of notification stays empty rather than claiming a delivery that never happened.
    private const string InsertEscalationSql = """
        INSERT INTO Escalations (ThreadId, Rung, Cycle, DueAt, EscalatedAt, RecipientCount)
        VALUES (@ThreadId, @Rung, @Cycle, @DueAt, @EscalatedAt, 0)
        """;

    /// <summary>
    /// The escalations of the demo complaint's past (each with its <see cref="ThreadEventKind.Escalated"/> event at the
    /// moment it fell due, as the sweep would have written it) and the deadlines its acts met.
    /// </summary>
    private static async Task InsertPastAsync(
        DbConnection connection, DbTransaction transaction, long threadId, DemoThread thread, SeededCatalog catalog, List<long> postIds, DemoPast past,
        CancellationToken cancellationToken)
    {
        foreach (var escalation in past.Escalations)
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertEscalationSql, new
            {
                ThreadId = threadId, Rung = escalation.Key.Rung.ToString(), escalation.Key.Cycle, escalation.DueAt, escalation.EscalatedAt,
            }, transaction, cancellationToken: cancellationToken));
            await ThreadRecord.AppendAsync(connection, transaction, new ThreadEvent
            {
                ThreadId = threadId, Kind = ThreadEventKind.Escalated, At = escalation.EscalatedAt, Cycle = escalation.Key.Cycle,
                ActorRole = EventActors.System, Rung = escalation.Key.Rung, DueAt = escalation.DueAt,
            }, cancellationToken);
        }

        foreach (var stop in past.Stops)
        {
            // Met by a reply (its author), or by the closing (local staff, as the Closed event says).
            var author = stop.ReplyIndex is { } index ? thread.Replies[index].AuthorKey : null;
            await ThreadRecord.AppendAsync(connection, transaction, new ThreadEvent
            {
                ThreadId = threadId, Kind = ThreadEventKind.ClockStopped, At = stop.At, Cycle = stop.Clock.Key.Cycle, Rung = stop.Clock.Rung,
                DueAt = stop.Clock.DueAt, ActorId = author is null ? null : catalog.People[author].Id,
                ActorRole = author is null ? ForumRoles.LocalStaff : RoleOf(author),
                PostId = stop.ReplyIndex is { } i ? postIds[i] : null,
            }, cancellationToken);
        }
    }

    private async Task<long> InsertAsync(DbConnection connection, DbTransaction transaction, string sql, object parameters) =>
        await connection.ExecuteScalarAsync<long>(sql + "\n" + database.Dialect.SelectInsertedId, parameters, transaction);
}
