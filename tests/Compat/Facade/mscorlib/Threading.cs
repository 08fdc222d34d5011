// Facade of nanoFramework.CoreLibrary 1.17.11: System.Threading (subset of the real listing).
namespace System.Threading
{
    public static class Interlocked
    {
        public static int CompareExchange(ref int location1, int value, int comparand) => throw null;
        public static int Decrement(ref int location) => throw null;
        public static int Exchange(ref int location1, int value) => throw null;
        public static int Increment(ref int location) => throw null;
    }

    public static class Monitor
    {
        public static void Enter(object obj) => throw null;
        public static void Exit(object obj) => throw null;
    }

    public sealed class Thread
    {
        public Thread(ThreadStart start) { }
        public static Thread CurrentThread => throw null;
        public ThreadPriority Priority { get => throw null; set => throw null; }
        public void Join() => throw null;
        public static void Sleep(int millisecondsTimeout) => throw null;
        public void Start() => throw null;
    }

    public delegate void ThreadStart();

    public enum ThreadPriority
    {
        Lowest = 0,
        BelowNormal = 1,
        Normal = 2,
        AboveNormal = 3,
        Highest = 4,
    }

    public static class Timeout
    {
        public const int Infinite = -1;
    }

    public abstract class WaitHandle : MarshalByRefObject
    {
        public const int WaitTimeout = 258;
        public virtual bool WaitOne() => throw null;
        public virtual bool WaitOne(int millisecondsTimeout, bool exitContext) => throw null;
    }

    public sealed class AutoResetEvent : WaitHandle
    {
        public AutoResetEvent(bool initialState) { }
        public bool Reset() => throw null;
        public bool Set() => throw null;
    }
}

namespace System
{
    public abstract class MarshalByRefObject { }
}
