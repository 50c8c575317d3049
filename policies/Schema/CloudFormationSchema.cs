using System;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json;
using System.Threading;

namespace Infra.Policies.Schema;

/// <summary>
/// The CloudFormation resource schema, read from the CDK's own service specification (the npm package
/// <c>@aws-cdk/aws-service-spec</c>, file <c>db.json.gz</c>): every resource type with its properties, their types,
/// whether they are required, their allowed values, and the nested type definitions they use.
/// </summary>
/// <remarks>
/// Loading decompresses and parses the file and indexes the resource types; a resource's properties and the type
/// definitions they use are converted on first use (a template uses a few dozen of the 1,800 types), and documentation
/// is never read. <see cref="Shared"/> loads the database found from the current or the application directory once per
/// process; <see cref="Load"/> reads a given file (every call reads it again). Instances are safe to share between threads.
/// </remarks>
public sealed class CloudFormationSchema
{
    /// <summary>The npm package holding the database.</summary>
    public const string PackageName = "@aws-cdk/aws-service-spec";

    /// <summary>The database's path below a directory that holds <c>node_modules</c>.</summary>
    public static readonly string RelativePath = Path.Combine("node_modules", "@aws-cdk", "aws-service-spec", "db.json.gz");

    private static readonly Lazy<CloudFormationSchema?> SharedSchema = new(LoadShared, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int s_sharedLoads;

    // The parsed database stays alive: resources and definitions are converted from it on first use.
    private readonly JsonDocument _document;
    private readonly Dictionary<string, JsonElement> _resourceElements;
    private readonly Dictionary<string, JsonElement> _definitionElements;
    private readonly ConcurrentDictionary<string, ResourceSchema> _resources = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TypeDefinitionSchema> _definitions = new(StringComparer.Ordinal);

    private CloudFormationSchema(string sourcePath, string? version, JsonDocument document, Dictionary<string, JsonElement> resources, Dictionary<string, JsonElement> definitions)
    {
        SourcePath = sourcePath;
        Version = version;
        _document = document;
        _resourceElements = resources;
        _definitionElements = definitions;
        ResourceTypes = resources.Keys.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The database found by <see cref="Locate()"/>, loaded on first use and then kept for the life of the process;
    /// <c>null</c> when no <c>node_modules</c> on the way up holds it.
    /// </summary>
    public static CloudFormationSchema? Shared => SharedSchema.Value;

    /// <summary>Where <see cref="Locate()"/> starts searching: the current directory, then the application's directory.</summary>
    public static IReadOnlyList<string> SearchStarts => [Directory.GetCurrentDirectory(), AppContext.BaseDirectory];

    /// <summary>How many times this process loaded <see cref="Shared"/> (0 or 1).</summary>
    internal static int SharedLoads => s_sharedLoads;

    /// <summary>The file read.</summary>
    public string SourcePath { get; }

    /// <summary>The package version (from its <c>package.json</c>), or <c>null</c> when there is none next to the file.</summary>
    public string? Version { get; }

    /// <summary>Every resource type the schema knows, ordered.</summary>
    public IReadOnlyList<string> ResourceTypes { get; }

    /// <summary>The schema's name as messages show it: <c>@aws-cdk/aws-service-spec 0.1.216</c>.</summary>
    public string DisplayName => Version is null ? PackageName : $"{PackageName} {Version}";

    /// <summary>The database below <see cref="SearchStarts"/> or one of their parents; <c>null</c> when none has it.</summary>
    public static string? Locate() => Locate(SearchStarts);

    /// <summary>
    /// The first <see cref="RelativePath"/> found in one of <paramref name="startDirectories"/> or one of their parents,
    /// searching each start upward in turn; <c>null</c> when none has it.
    /// </summary>
    public static string? Locate(IEnumerable<string> startDirectories)
    {
        ArgumentNullException.ThrowIfNull(startDirectories);
        foreach (var start in startDirectories)
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, RelativePath);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>Reads the database at <paramref name="path"/> (a gzipped <c>db.json</c> of <see cref="PackageName"/>).</summary>
    /// <exception cref="InvalidDataException">The file is not such a database.</exception>
    public static CloudFormationSchema Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var document = JsonDocument.Parse(Decompress(path));
        if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("schema", out var schema))
        {
            document.Dispose();
            throw new InvalidDataException($"{path} has no 'schema': it is not a {PackageName} database.");
        }

        var resources = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var entity in Entities(schema, "resource"))
        {
            resources[entity.GetProperty("cloudFormationType").GetString()!] = entity;
        }

        var definitions = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var entity in Entities(schema, "typeDefinition"))
        {
            definitions[entity.GetProperty("$id").GetString()!] = entity;
        }

        return new CloudFormationSchema(Path.GetFullPath(path), ReadVersion(path), document, resources, definitions);
    }

    /// <summary>The resource type <paramref name="type"/>, or <c>null</c> when the schema does not know it.</summary>
    public ResourceSchema? Resource(string type) => TryGetResource(type, out var resource) ? resource : null;

    /// <summary>Whether the schema knows the resource type <paramref name="type"/>.</summary>
    public bool TryGetResource(string type, [NotNullWhen(true)] out ResourceSchema? resource)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!_resourceElements.TryGetValue(type, out var element))
        {
            resource = null;
            return false;
        }

        resource = _resources.GetOrAdd(type, t => new ResourceSchema(t, ReadProperties(element, t)));
        return true;
    }

    private static CloudFormationSchema? LoadShared()
    {
        var path = Locate();
        if (path is null)
        {
            return null;
        }

        Interlocked.Increment(ref s_sharedLoads);
        return Load(path);
    }

    /// <summary>The whole decompressed file, in one buffer sized from the gzip trailer (no regrowing, no copy).</summary>
    private static ReadOnlyMemory<byte> Decompress(string path)
    {
        using var file = File.OpenRead(path);
        var size = 0;
        if (file.Length >= 4)
        {
            Span<byte> trailer = stackalloc byte[4];
            file.Seek(-4, SeekOrigin.End);
            file.ReadExactly(trailer);
            size = BinaryPrimitives.ReadInt32LittleEndian(trailer);
            file.Seek(0, SeekOrigin.Begin);
        }

        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        var buffer = new byte[Math.Max(size, 0) + 1];
        var length = 0;
        int read;
        while ((read = gzip.Read(buffer, length, buffer.Length - length)) > 0)
        {
            length += read;
            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
        }

        return buffer.AsMemory(0, length);
    }

    private static JsonElement.ArrayEnumerator Entities(JsonElement schema, string collection) =>
        schema.TryGetProperty(collection, out var c) && c.TryGetProperty("entities", out var entities) && entities.ValueKind == JsonValueKind.Array
            ? entities.EnumerateArray()
            : throw new InvalidDataException($"The database has no '{collection}' entities: it is not a {PackageName} database this reader knows.");

    private Dictionary<string, PropertySchema> ReadProperties(JsonElement entity, string resourceType)
    {
        var properties = new Dictionary<string, PropertySchema>(StringComparer.Ordinal);
        if (!entity.TryGetProperty("properties", out var map) || map.ValueKind != JsonValueKind.Object)
        {
            return properties;
        }

        foreach (var property in map.EnumerateObject())
        {
            var value = property.Value;
            var required = value.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.True;
            var previous = value.TryGetProperty("previousTypes", out var p) && p.ValueKind == JsonValueKind.Array
                ? p.EnumerateArray().Select(t => ReadType(t, resourceType)).ToList()
                : [];
            properties[property.Name] = new PropertySchema(property.Name, ReadType(value.GetProperty("type"), resourceType), required, previous);
        }

        return properties;
    }

    private SchemaType ReadType(JsonElement type, string resourceType)
    {
        var kind = type.GetProperty("type").GetString();
        return kind switch
        {
            "string" => Primitive(SchemaPrimitive.String, type),
            "number" => Primitive(SchemaPrimitive.Number, type),
            "integer" => Primitive(SchemaPrimitive.Integer, type),
            "boolean" => Primitive(SchemaPrimitive.Boolean, type),
            "json" => Primitive(SchemaPrimitive.Json, type),
            "date-time" => Primitive(SchemaPrimitive.DateTime, type),
            "tag" => KnownTypes.Tag,
            "array" => new ArraySchemaType(ReadType(type.GetProperty("element"), resourceType)),
            "map" => new MapSchemaType(ReadType(type.GetProperty("element"), resourceType)),
            "union" => new UnionSchemaType(type.GetProperty("types").EnumerateArray().Select(t => ReadType(t, resourceType)).ToList()),
            "ref" => new ObjectSchemaType(Definition(type.GetProperty("reference").GetProperty("$ref").GetString()!, resourceType)),
            // A kind this reader does not know (a newer database): accept anything rather than report false findings.
            _ => KnownTypes.Json,
        };
    }

    private TypeDefinitionSchema Definition(string id, string resourceType) =>
        _definitions.GetOrAdd(id, key => _definitionElements.TryGetValue(key, out var element)
            ? new TypeDefinitionSchema(element.GetProperty("name").GetString()!, $"{resourceType}.{element.GetProperty("name").GetString()}", () => ReadProperties(element, resourceType))
            : throw new InvalidDataException($"{resourceType} refers to type definition {key}, which the database lacks."));

    private static PrimitiveSchemaType Primitive(SchemaPrimitive kind, JsonElement type)
    {
        if (!type.TryGetProperty("allowedValues", out var allowed) || allowed.ValueKind != JsonValueKind.Array)
        {
            return KnownTypes.Of(kind);
        }

        return new PrimitiveSchemaType(kind, allowed.EnumerateArray()
            .Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText())
            .ToList());
    }

    private static string? ReadVersion(string path)
    {
        var manifest = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "package.json");
        if (!File.Exists(manifest))
        {
            return null;
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(manifest));
        return document.RootElement.TryGetProperty("version", out var version) && version.ValueKind == JsonValueKind.String
            ? version.GetString()
            : null;
    }

    /// <summary>Shared instances of the types without allowed values (most properties), and the legacy tag type.</summary>
    private static class KnownTypes
    {
        public static readonly PrimitiveSchemaType String = new(SchemaPrimitive.String, []);
        public static readonly PrimitiveSchemaType Number = new(SchemaPrimitive.Number, []);
        public static readonly PrimitiveSchemaType Integer = new(SchemaPrimitive.Integer, []);
        public static readonly PrimitiveSchemaType Boolean = new(SchemaPrimitive.Boolean, []);
        public static readonly PrimitiveSchemaType Json = new(SchemaPrimitive.Json, []);
        public static readonly PrimitiveSchemaType DateTime = new(SchemaPrimitive.DateTime, []);

        /// <summary>The legacy <c>tag</c> type: <c>{ "Key": string, "Value": string }</c>, both required.</summary>
        public static readonly ObjectSchemaType Tag = new(new TypeDefinitionSchema("Tag", "Tag", () => new Dictionary<string, PropertySchema>(StringComparer.Ordinal)
        {
            ["Key"] = new("Key", String, Required: true, []),
            ["Value"] = new("Value", String, Required: true, []),
        }));

        public static PrimitiveSchemaType Of(SchemaPrimitive kind) => kind switch
        {
            SchemaPrimitive.Number => Number,
            SchemaPrimitive.Integer => Integer,
            SchemaPrimitive.Boolean => Boolean,
            SchemaPrimitive.Json => Json,
            SchemaPrimitive.DateTime => DateTime,
            _ => String,
        };
    }
}
