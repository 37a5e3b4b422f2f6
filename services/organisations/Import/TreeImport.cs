using PartyGrid.ServiceDefaults.Import;

namespace PartyGrid.Organisations.Import;

/// <summary>
/// Plans the import of a whole tree (onboarding a county): every row is validated, parents are found
/// in the file or among existing organisations (by code), and rows are registered parents first. An
/// existing code is an update of name and kind; anything else about it must match. The plan is all or
/// nothing: any error and nothing is written.
/// </summary>
public sealed class TreeImport(Func<string, bool> mayChangeUnder)
{
    public sealed record Plan(List<Organisation> Created, List<Organisation> Updated, int Unchanged, List<ImportError> Errors);

    /// <param name="rows">The file's rows.</param>
    /// <param name="existing">Existing organisations whose codes the file names (as code or parentCode).</param>
    /// <param name="now">Registration time.</param>
    /// <param name="cancellationToken">Honoured while planning: a client that gives up stops the work.</param>
    public Plan Build(IReadOnlyList<ImportRow> rows, IReadOnlyDictionary<string, Organisation> existing, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var errors = new List<ImportError>();
        var failed = new HashSet<string>(StringComparer.Ordinal);
        var valid = new Dictionary<string, Item>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var fields = new FieldErrors();
            var code = fields.Required("code", row.Code, 64);
            var name = fields.Required("name", row.Name, 200);
            var tier = fields.Enum<OrganisationTier>("tier", row.Tier);
            var area = fields.Enum<Area>("area", row.Area);
            var kind = fields.Enum<OrganisationKind>("kind", row.Kind);
            foreach (var (field, messages) in fields.ToDictionary())
            {
                errors.AddRange(messages.Select(m => new ImportError(row.Row, field, m)));
            }

            if (code is null || fields.Any)
            {
                if (code is not null)
                {
                    failed.Add(code);
                }

                continue;
            }

            if (!valid.TryAdd(code, new Item(row, tier!.Value, area!.Value, kind!.Value, code, name!)))
            {
                errors.Add(new ImportError(row.Row, "code", $"'{code}' appears twice in the file (first in row {valid[code].Row.Row})"));
            }
        }

        var created = new List<Organisation>();
        var updated = new List<Organisation>();
        var unchanged = 0;
        var placed = new Dictionary<string, Organisation>(StringComparer.Ordinal);

        // Parents first, in one walk down from the rows whose parent is outside the file: each row is
        // visited once, so a long chain costs no more than a flat list.
        var children = valid.Values.Where(v => v.Row.ParentCode is { } p && valid.ContainsKey(p)).ToLookup(v => v.Row.ParentCode!, StringComparer.Ordinal);
        var queue = new Queue<(Item Item, Organisation? Parent)>();
        foreach (var item in valid.Values.OrderBy(v => v.Row.Row))
        {
            var parentCode = item.Row.ParentCode;
            if (parentCode is null)
            {
                queue.Enqueue((item, null));
            }
            else if (!valid.ContainsKey(parentCode))
            {
                // A new row under an existing parent the caller may not change gets the same answer as one under
                // a code nobody has (see Place), so an import cannot probe which codes exist.
                if (failed.Contains(parentCode))
                {
                    Fail(item, $"the row of '{parentCode}' has errors");
                }
                else if (existing.TryGetValue(parentCode, out var parent))
                {
                    queue.Enqueue((item, parent));
                }
                else
                {
                    Fail(item, $"no organisation you may change has code '{parentCode}'");
                }
            }
        }

        var visited = 0;
        while (queue.TryDequeue(out var next))
        {
            if (++visited % 1000 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            Place(next.Item, next.Parent);
            var parentPlaced = placed.TryGetValue(next.Item.Code, out var organisation);
            foreach (var child in children[next.Item.Code])
            {
                if (parentPlaced)
                {
                    queue.Enqueue((child, organisation));
                }
                else
                {
                    FailBelow(child, next.Item.Code);
                }
            }
        }

        foreach (var item in valid.Values.Where(v => !placed.ContainsKey(v.Code) && !failed.Contains(v.Code)).OrderBy(v => v.Row.Row))
        {
            errors.Add(new ImportError(item.Row.Row, "parentCode", "the parents of these rows form a loop"));
        }

        errors.Sort((a, b) => a.Row.CompareTo(b.Row));
        return new Plan(created, updated, unchanged, errors);

        void Fail(Item item, string message)
        {
            errors.Add(new ImportError(item.Row.Row, "parentCode", message));
            failed.Add(item.Code);
        }

        // A failed row's whole subtree in the file fails with it, each row once.
        void FailBelow(Item first, string parentCode)
        {
            var below = new Stack<(Item Item, string Parent)>([(first, parentCode)]);
            while (below.TryPop(out var row))
            {
                Fail(row.Item, $"the row of '{row.Parent}' has errors");
                foreach (var child in children[row.Item.Code])
                {
                    below.Push((child, row.Item.Code));
                }
            }
        }

        void Place(Item item, Organisation? parent)
        {
            if (existing.TryGetValue(item.Code, out var current))
            {
                if (current.Tier != item.Tier || current.Area != item.Area || current.ParentId != parent?.Id)
                {
                    errors.Add(new ImportError(item.Row.Row, "code", $"'{item.Code}' exists with another tier, area or parent; move it separately"));
                    failed.Add(item.Code);
                    return;
                }
                else if (!mayChangeUnder(current.Path))
                {
                    errors.Add(new ImportError(item.Row.Row, "code", "outside the subtree you may change"));
                }
                else if (current.Amend(item.Name, item.Kind, now))
                {
                    updated.Add(current);
                }
                else
                {
                    unchanged++;
                }

                placed[item.Code] = current;
                return;
            }

            if (parent is null ? !mayChangeUnder(string.Empty) : !mayChangeUnder(parent.Path))
            {
                errors.Add(new ImportError(item.Row.Row, "parentCode", parent is null
                    ? "outside the subtree you may change"
                    : $"no organisation you may change has code '{item.Row.ParentCode}'"));
                failed.Add(item.Code);
                return;
            }

            try
            {
                var organisation = Organisation.Register(item.Code, item.Name, item.Tier, item.Area, item.Kind, parent, now);
                created.Add(organisation);
                placed[item.Code] = organisation;
            }
            catch (DomainRuleException ex)
            {
                errors.Add(new ImportError(item.Row.Row, "tier", ex.Message));
                failed.Add(item.Code);
            }
        }
    }

    private sealed record Item(ImportRow Row, OrganisationTier Tier, Area Area, OrganisationKind Kind, string Code, string Name);
}
