// Facade of nanoFramework.CoreLibrary 1.17.11: System.Diagnostics (subset of the real listing).
namespace System.Diagnostics
{
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = true), System.Runtime.CompilerServices.ExcludeType]
    public sealed class ConditionalAttribute : Attribute
    {
        public ConditionalAttribute(string conditionString) { }
        public string ConditionString => throw null;
    }

    public static class Debug
    {
        [Conditional("DEBUG")] public static void Assert(bool condition) => throw null;
        [Conditional("DEBUG")] public static void Assert(bool condition, string message) => throw null;
        [Conditional("DEBUG")] public static void Write(string message) => throw null;
        [Conditional("DEBUG")] public static void WriteLine() => throw null;
        [Conditional("DEBUG")] public static void WriteLine(string message) => throw null;
    }

    [AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Module), System.Runtime.CompilerServices.ExcludeType]
    public sealed class DebuggableAttribute : Attribute
    {
        public DebuggableAttribute(DebuggingModes modes) { }

        [Flags, System.Runtime.CompilerServices.ExcludeType]
        public enum DebuggingModes
        {
            None = 0,
            Default = 1,
            IgnoreSymbolStoreSequencePoints = 2,
            EnableEditAndContinue = 4,
            DisableOptimizations = 256,
        }
    }
}
