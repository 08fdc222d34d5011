// Facade of nanoFramework.CoreLibrary 1.17.11: the System.Reflection types the compiler itself needs
// (System.Type derives from MemberInfo; indexers emit DefaultMemberAttribute). Subset of the real listing.
namespace System.Reflection
{
    public abstract class MemberInfo { }

    public interface IReflect { }

    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Interface), System.Runtime.CompilerServices.ExcludeType]
    public sealed class DefaultMemberAttribute : Attribute
    {
        public DefaultMemberAttribute(string memberName) { }
        public string MemberName => throw null;
    }
}
