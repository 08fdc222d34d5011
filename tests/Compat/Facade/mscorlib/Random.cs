// Facade of nanoFramework.CoreLibrary 1.17.11: System.Random (subset of the real listing).
namespace System
{
    public class Random
    {
        public Random() { }
        public Random(int seed) { }
        public virtual int Next() => throw null;
        public virtual int Next(int maxValue) => throw null;
        public virtual void NextBytes(byte[] buffer) => throw null;
    }
}
