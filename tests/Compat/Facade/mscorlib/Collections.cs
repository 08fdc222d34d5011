// Facade of nanoFramework.CoreLibrary 1.17.11: System.Collections interfaces (subset of the real listing).
namespace System.Collections
{
    public interface IEnumerable
    {
        IEnumerator GetEnumerator();
    }

    public interface IEnumerator
    {
        object Current { get; }
        bool MoveNext();
        void Reset();
    }

    public interface ICollection : IEnumerable { }

    public interface IList : ICollection { }
}
