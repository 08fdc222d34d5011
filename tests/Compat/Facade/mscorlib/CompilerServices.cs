// Facade of nanoFramework.CoreLibrary 1.17.11: System.Runtime.CompilerServices (subset of the real listing).
namespace System.Runtime.CompilerServices
{
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Enum, AllowMultiple = false, Inherited = true)]
    public class ExcludeTypeAttribute : Attribute { }

    [ExcludeType, AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class | AttributeTargets.Method)]
    public sealed class ExtensionAttribute : Attribute { }

    [AttributeUsage(AttributeTargets.Property), ExcludeType]
    public sealed class IndexerNameAttribute : Attribute
    {
        public IndexerNameAttribute(string indexerName) { }
    }

    [AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true), ExcludeType]
    public sealed class InternalsVisibleToAttribute : Attribute
    {
        public InternalsVisibleToAttribute(string assemblyName) { }
        public string AssemblyName => throw null;
    }

    public static class IsExternalInit { }

    public static class RuntimeHelpers
    {
        public static int OffsetToStringData => throw null;
        public static object GetObjectValue(object obj) => throw null;
        public static void InitializeArray(Array array, RuntimeFieldHandle fldHandle) => throw null;
        public static void RunClassConstructor(RuntimeTypeHandle type) => throw null;
    }
}
