using System;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace NanoTcp.IlMeter
{
    /// <summary>
    /// Estimates what an object graph costs on nanoCLR's 32-bit managed heap, walking it by reflection (no field
    /// names are assumed, so it prices any shape of the code). The model, exact for the objects issue 11 measured
    /// on the interpreter: every field is one 12-byte heap block whatever its type, plus 12 for the object itself;
    /// an array costs its elements (1, 2, 4 or 8 bytes for primitives, a 12-byte block per reference) plus 20,
    /// rounded up to a multiple of 12; a string built at run time costs a 12-byte block plus its UTF-8 text with a
    /// terminator, rounded up to 12, a literal only the block (its text stays in the assembly); a struct-typed field is a block referencing a boxed copy (priced as an object); a delegate is an
    /// object of two fields. Static fields of the portable types cost 12 each. Assemblies are priced by
    /// <see cref="AssemblyAllowance"/>. Objects of excluded assemblies (host stand-ins) are neither priced nor
    /// walked through.
    /// </summary>
    public sealed class HeapModel
    {
        /// <summary>
        /// Runtime structures nanoCLR builds for one loaded application assembly (type, method and field tables,
        /// resolved references), in bytes. Issue 11 measured ≈ 9.8 KB for the firmware's three nanoTcp assemblies on
        /// the interpreter (≈ 1–3 KB each, growing with the number of types and methods); this model charges the
        /// mean, 3,300 B per assembly, and leaves nanoFramework's own libraries out (they are part of the image's
        /// base figure that the board's heap size already reflects).
        /// </summary>
        public const int AssemblyAllowance = 3300;

        private const int Block = 12;
        private const int ArrayHeader = 20;

        private readonly HashSet<object> _seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        private readonly HashSet<Assembly> _excluded = new HashSet<Assembly>();
        private readonly List<KeyValuePair<string, long>> _components = new List<KeyValuePair<string, long>>();

        /// <summary>Bytes per component and type name (arrays by element type and length), for finding where the heap goes.</summary>
        public Dictionary<string, long> ByType { get; } = new Dictionary<string, long>();

        /// <summary>Objects of <paramref name="assembly"/> are host stand-ins: not priced, not walked.</summary>
        public void Exclude(Assembly assembly) => _excluded.Add(assembly);

        /// <summary>The components priced so far, in order, with their bytes.</summary>
        public IReadOnlyList<KeyValuePair<string, long>> Components => _components;

        /// <summary>Sum of all components.</summary>
        public long Total
        {
            get
            {
                long total = 0;
                foreach (KeyValuePair<string, long> c in _components) total += c.Value;
                return total;
            }
        }

        /// <summary>Prices everything reachable from <paramref name="root"/> not already priced, as one component.</summary>
        public long Add(string component, object root)
        {
            long bytes = Walk(root, component);
            // A root already reached through an earlier component (the application's Stack property) adds nothing.
            if (bytes > 0) _components.Add(new KeyValuePair<string, long>(component, bytes));
            return bytes;
        }

        /// <summary>Prices the static fields of every type in <paramref name="assemblies"/> and what they reference.</summary>
        public long AddStatics(string component, IEnumerable<Assembly> assemblies)
        {
            long bytes = 0;
            foreach (Assembly assembly in assemblies)
            {
                foreach (Type type in assembly.GetTypes())
                {
                    if (type.IsGenericTypeDefinition || type.Name.StartsWith("<")) continue;
                    foreach (FieldInfo field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                    {
                        if (field.IsLiteral) continue;
                        bytes += Block;
                        RuntimeHelpers.RunClassConstructor(type.TypeHandle);
                        bytes += FieldValue(field.FieldType, field.GetValue(null));
                    }
                }
            }
            _components.Add(new KeyValuePair<string, long>(component, bytes));
            return bytes;
        }

        /// <summary>Adds a fixed amount as a component.</summary>
        public void AddFixed(string component, long bytes) => _components.Add(new KeyValuePair<string, long>(component, bytes));

        /// <summary>The price of one object on its own (no references followed).</summary>
        public static long PriceOf(object value)
        {
            switch (value)
            {
                // A literal (interned) is a block pointing into the assembly's string table; a string built at run time
                // carries its UTF-8 text.
                case string s: return string.IsInterned(s) != null ? Block : RoundUp(Block + Encoding.UTF8.GetByteCount(s) + 1);
                case Array a: return RoundUp(ElementSize(a.GetType().GetElementType()) * (long)a.Length + ArrayHeader);
                case Delegate _: return Block + 2 * Block;
                default: return Block + Block * (long)InstanceFields(value.GetType()).Count;
            }
        }

        private long Walk(object root, string component)
        {
            long bytes = 0;
            var pending = new Stack<object>();
            pending.Push(root);
            while (pending.Count > 0)
            {
                object value = pending.Pop();
                if (value == null || value is Pointer || !_seen.Add(value) || _excluded.Contains(value.GetType().Assembly)) continue;
                long price = PriceOf(value);
                bytes += price;
                string key = component + "." + (value is Array a ? a.GetType().GetElementType().Name + "[" + a.Length + "]" : value.GetType().Name);
                ByType[key] = (ByType.TryGetValue(key, out long sofar) ? sofar : 0) + price;
                foreach (object child in Children(value)) pending.Push(child);
            }
            return bytes;
        }

        private long FieldValue(Type fieldType, object value)
        {
            if (value == null || fieldType.IsPrimitive || fieldType.IsEnum || fieldType.IsPointer) return 0;
            return Walk(value, "statics");
        }

        private static IEnumerable<object> Children(object value)
        {
            switch (value)
            {
                case string _: yield break;
                case Delegate d:
                    yield return d.Target;
                    yield break;
                case Array a:
                    Type element = a.GetType().GetElementType();
                    if (element.IsPrimitive || element.IsEnum) yield break;
                    foreach (object item in a) yield return item;
                    yield break;
            }
            foreach (FieldInfo field in InstanceFields(value.GetType()))
            {
                if (field.FieldType.IsPrimitive || field.FieldType.IsEnum || field.FieldType.IsPointer) continue;
                yield return field.GetValue(value);
            }
        }

        private static readonly Dictionary<Type, List<FieldInfo>> FieldCache = new Dictionary<Type, List<FieldInfo>>();

        private static List<FieldInfo> InstanceFields(Type type)
        {
            if (FieldCache.TryGetValue(type, out List<FieldInfo> cached)) return cached;
            var fields = new List<FieldInfo>();
            for (Type t = type; t != null && t != typeof(object) && t != typeof(ValueType); t = t.BaseType)
            {
                fields.AddRange(t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly));
            }
            FieldCache[type] = fields;
            return fields;
        }

        private static int ElementSize(Type element)
        {
            if (element.IsEnum) element = Enum.GetUnderlyingType(element);
            if (element == typeof(byte) || element == typeof(sbyte) || element == typeof(bool)) return 1;
            if (element == typeof(short) || element == typeof(ushort) || element == typeof(char)) return 2;
            if (element == typeof(int) || element == typeof(uint) || element == typeof(float)) return 4;
            if (element == typeof(long) || element == typeof(ulong) || element == typeof(double)) return 8;
            return Block;
        }

        private static long RoundUp(long bytes) => (bytes + Block - 1) / Block * Block;
    }
}
