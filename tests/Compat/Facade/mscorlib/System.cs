// Facade of nanoFramework.CoreLibrary 1.17.11 (assembly mscorlib): a SUBSET of
// ../shared/nanoframework-api/CoreLibrary.txt, signature for signature. Bodies never run: this assembly
// exists only so the portable sources compile against nanoFramework's surface (FacadeListingTests
// proves every line below is in the real listing). Add a member only by copying its listing line.
#pragma warning disable CS0660, CS0661, CS0626, CS0824, CS8597, CS0114, CS0108
namespace System
{
    public class Object
    {
        public Object() { }
        public static bool Equals(object objA, object objB) => throw null;
        public virtual bool Equals(object obj) => throw null;
        public virtual int GetHashCode() => throw null;
        public Type GetType() => throw null;
        protected object MemberwiseClone() => throw null;
        public static bool ReferenceEquals(object objA, object objB) => throw null;
        public virtual string ToString() => throw null;
    }

    public abstract class ValueType
    {
        public override bool Equals(object obj) => throw null;
    }

    public abstract class Enum : ValueType
    {
        public bool HasFlag(Enum flag) => throw null;
        public override string ToString() => throw null;
    }

    public struct Void { }
    public struct IntPtr { }
    [System.Runtime.CompilerServices.ExcludeType] public struct UIntPtr { }
    public struct RuntimeArgumentHandle { }
    public struct RuntimeFieldHandle { }
    public struct RuntimeMethodHandle { }
    public struct RuntimeTypeHandle { }

    public struct Boolean
    {
        public static readonly string FalseString;
        public static readonly string TrueString;
        public override string ToString() => throw null;
    }

    public struct Char
    {
        public const char MaxValue = '\uffff';
        public const char MinValue = '\0';
        public char ToLower() => throw null;
        public override string ToString() => throw null;
        public char ToUpper() => throw null;
    }

    public struct Byte
    {
        public const byte MaxValue = 255;
        public const byte MinValue = 0;
        public static byte Parse(string s) => throw null;
        public override string ToString() => throw null;
        public string ToString(string format) => throw null;
        public static bool TryParse(string s, out byte result) => throw null;
    }

    public struct SByte
    {
        public const sbyte MaxValue = 127;
        public const sbyte MinValue = -128;
        public override string ToString() => throw null;
    }

    public struct Int16
    {
        public const short MaxValue = 32767;
        public const short MinValue = -32768;
        public static short Parse(string s) => throw null;
        public override string ToString() => throw null;
        public string ToString(string format) => throw null;
        public static bool TryParse(string s, out short result) => throw null;
    }

    public struct UInt16
    {
        public const ushort MaxValue = 65535;
        public const ushort MinValue = 0;
        public static ushort Parse(string s) => throw null;
        public override string ToString() => throw null;
        public string ToString(string format) => throw null;
        public static bool TryParse(string s, out ushort result) => throw null;
    }

    public struct Int32
    {
        public const int MaxValue = 2147483647;
        public const int MinValue = -2147483648;
        public static int Parse(string s) => throw null;
        public override string ToString() => throw null;
        public string ToString(string format) => throw null;
        public static bool TryParse(string s, out int result) => throw null;
    }

    public struct UInt32
    {
        public const uint MaxValue = 4294967295U;
        public const uint MinValue = 0U;
        public static uint Parse(string s) => throw null;
        public override string ToString() => throw null;
        public string ToString(string format) => throw null;
        public static bool TryParse(string s, out uint result) => throw null;
    }

    public struct Int64
    {
        public const long MaxValue = 9223372036854775807L;
        public const long MinValue = -9223372036854775808L;
        public static long Parse(string s) => throw null;
        public override string ToString() => throw null;
        public string ToString(string format) => throw null;
        public static bool TryParse(string s, out long result) => throw null;
    }

    public struct UInt64
    {
        public const ulong MaxValue = 18446744073709551615UL;
        public const ulong MinValue = 0UL;
        public static ulong Parse(string s) => throw null;
        public override string ToString() => throw null;
        public string ToString(string format) => throw null;
        public static bool TryParse(string s, out ulong result) => throw null;
    }

    public struct Single
    {
        public override string ToString() => throw null;
    }

    public struct Double
    {
        public override string ToString() => throw null;
    }

    public readonly ref struct SpanByte
    {
        public SpanByte(byte[] array) { }
        public SpanByte(byte[] array, int start, int length) { }
        public static SpanByte Empty => throw null;
        public bool IsEmpty => throw null;
        public int Length => throw null;
        public byte this[int index] { get => throw null; set => throw null; }
        public void CopyTo(SpanByte destination) => throw null;
        public SpanByte Slice(int start) => throw null;
        public SpanByte Slice(int start, int length) => throw null;
        public byte[] ToArray() => throw null;
        public static implicit operator SpanByte(byte[] array) => throw null;
    }

    public sealed class String : IComparable, System.Collections.IEnumerable
    {
        public static readonly string Empty;
        public String(char c, int count) { }
        public String(char[] value) { }
        public String(char[] value, int startIndex, int length) { }
        public int Length => throw null;
        [System.Runtime.CompilerServices.IndexerName("Chars")]
        public char this[int index] => throw null;
        public static int Compare(string strA, string strB) => throw null;
        public int CompareTo(object value) => throw null;
        public int CompareTo(string strB) => throw null;
        public static string Concat(object arg0) => throw null;
        public static string Concat(object arg0, object arg1) => throw null;
        public static string Concat(object arg0, object arg1, object arg2) => throw null;
        public static string Concat(params object[] args) => throw null;
        public static string Concat(params string[] values) => throw null;
        public static string Concat(string str0, string str1) => throw null;
        public static string Concat(string str0, string str1, string str2) => throw null;
        public static string Concat(string str0, string str1, string str2, string str3) => throw null;
        public bool Contains(string value) => throw null;
        public bool EndsWith(string value) => throw null;
        public override bool Equals(object obj) => throw null;
        public static bool Equals(string a, string b) => throw null;
        public static string Format(string format, params object[] args) => throw null;
        public System.Collections.IEnumerator GetEnumerator() => throw null;
        public int IndexOf(char value) => throw null;
        public int IndexOf(char value, int startIndex) => throw null;
        public int IndexOf(string value) => throw null;
        public static bool IsNullOrEmpty(string value) => throw null;
        public string PadLeft(int totalWidth, char paddingChar = ' ') => throw null;
        public string PadRight(int totalWidth, char paddingChar = ' ') => throw null;
        public string[] Split(params char[] separator) => throw null;
        public bool StartsWith(string value) => throw null;
        public string Substring(int startIndex) => throw null;
        public string Substring(int startIndex, int length) => throw null;
        public char[] ToCharArray() => throw null;
        public string ToLower() => throw null;
        public override string ToString() => throw null;
        public string ToUpper() => throw null;
        public string Trim() => throw null;
        public static bool operator ==(string a, string b) => throw null;
        public static bool operator !=(string a, string b) => throw null;
    }

    public abstract class Array : ICloneable, System.Collections.IList
    {
        public int Length => throw null;
        public static void Clear(Array array, int index, int length) => throw null;
        public object Clone() => throw null;
        public static void Copy(Array sourceArray, Array destinationArray, int length) => throw null;
        public static void Copy(Array sourceArray, int sourceIndex, Array destinationArray, int destinationIndex, int length) => throw null;
        public System.Collections.IEnumerator GetEnumerator() => throw null;
        public static int IndexOf(Array array, object value) => throw null;
    }

    public abstract class Delegate
    {
        public static Delegate Combine(Delegate a, Delegate b) => throw null;
        public override bool Equals(object obj) => throw null;
        public static Delegate Remove(Delegate source, Delegate value) => throw null;
        public static bool operator ==(Delegate d1, Delegate d2) => throw null;
        public static bool operator !=(Delegate d1, Delegate d2) => throw null;
    }

    public abstract class MulticastDelegate : Delegate
    {
        public override bool Equals(object obj) => throw null;
        public static bool operator ==(MulticastDelegate d1, MulticastDelegate d2) => throw null;
        public static bool operator !=(MulticastDelegate d1, MulticastDelegate d2) => throw null;
    }

    public delegate void Action();
    public delegate void AsyncCallback(IAsyncResult ar);

    public interface IAsyncResult { }
    public interface ICloneable { }
    public interface IComparable { }
    public interface IDisposable
    {
        void Dispose();
    }

    [AttributeUsage(AttributeTargets.All)]
    public abstract class Attribute
    {
        protected Attribute() { }
    }

    [System.Runtime.CompilerServices.ExcludeType, Flags]
    public enum AttributeTargets
    {
        Assembly = 1,
        Module = 2,
        Class = 4,
        Struct = 8,
        Enum = 16,
        Constructor = 32,
        Method = 64,
        Property = 128,
        Field = 256,
        Event = 512,
        Interface = 1024,
        Parameter = 2048,
        Delegate = 4096,
        ReturnValue = 8192,
        All = 16383,
    }

    [AttributeUsage(AttributeTargets.Class), System.Runtime.CompilerServices.ExcludeType]
    public sealed class AttributeUsageAttribute : Attribute
    {
        public AttributeUsageAttribute(AttributeTargets validOn) { }
        public bool AllowMultiple { get => throw null; set => throw null; }
        public bool Inherited { get => throw null; set => throw null; }
        public AttributeTargets ValidOn => throw null;
    }

    [AttributeUsage(AttributeTargets.Enum), System.Runtime.CompilerServices.ExcludeType]
    public class FlagsAttribute : Attribute { }

    [AttributeUsage(AttributeTargets.Parameter), System.Runtime.CompilerServices.ExcludeType]
    public sealed class ParamArrayAttribute : Attribute
    {
        public ParamArrayAttribute() { }
    }

    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Enum | AttributeTargets.Constructor | AttributeTargets.Method | AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Event | AttributeTargets.Interface | AttributeTargets.Delegate, Inherited = false), System.Runtime.CompilerServices.ExcludeType]
    public sealed class ObsoleteAttribute : Attribute
    {
        public ObsoleteAttribute() { }
        public ObsoleteAttribute(string message) { }
        public ObsoleteAttribute(string message, bool error) { }
    }

    public abstract class Type : System.Reflection.MemberInfo, System.Reflection.IReflect
    {
        public static Type GetTypeFromHandle(RuntimeTypeHandle handle) => throw null;
        public override string ToString() => throw null;
    }

    public class EventArgs
    {
        public static readonly EventArgs Empty;
        public EventArgs() { }
    }

    public delegate void EventHandler(object sender, EventArgs e);

    public static class BitConverter
    {
        public static bool IsLittleEndian => throw null;
        public static ushort ToUInt16(byte[] value, int startIndex) => throw null;
        public static uint ToUInt32(byte[] value, int startIndex) => throw null;
        public static ulong ToUInt64(byte[] value, int startIndex) => throw null;
    }

    public static class Console
    {
        public static void Write(string value) => throw null;
        public static void WriteLine() => throw null;
        public static void WriteLine(string value) => throw null;
    }

    public static class GC
    {
        public static void SuppressFinalize(object obj) => throw null;
    }

    public sealed class Version
    {
        public Version(int major, int minor) { }
        public Version(int major, int minor, int build, int revision) { }
        public int Build => throw null;
        public int Major => throw null;
        public int Minor => throw null;
        public int Revision => throw null;
        public override bool Equals(object obj) => throw null;
        public override int GetHashCode() => throw null;
        public override string ToString() => throw null;
    }

    public struct TimeSpan
    {
        public const long TicksPerMillisecond = 10000L;
        public const long TicksPerSecond = 10000000L;
        public static readonly TimeSpan Zero;
        public TimeSpan(long ticks) { }
        public TimeSpan(int hours, int minutes, int seconds) { }
        public long Ticks => throw null;
        public static TimeSpan FromMilliseconds(long value) => throw null;
        public static TimeSpan FromSeconds(long value) => throw null;
        public override bool Equals(object value) => throw null;
        public override int GetHashCode() => throw null;
        public override string ToString() => throw null;
    }
}
