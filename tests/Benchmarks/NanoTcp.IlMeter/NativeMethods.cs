using System.Collections.Generic;
using System.IO;
using Mono.Cecil;

namespace NanoTcp.IlMeter
{
    /// <summary>
    /// Which library methods run in C on the device. The list is read from nanoFramework's own mscorlib
    /// (NuGet package nanoFramework.CoreLibrary 1.17.11, <c>lib/mscorlib.dll</c>, copied beside this program):
    /// a method whose implementation flags say <c>InternalCall</c> is native on nanoCLR, e.g. <c>Array.Copy</c>,
    /// <c>Array.Clear</c> and <c>BitConverter.ToUInt16/32/64(byte[], int)</c>. A host BCL call is matched to it by
    /// type, name and parameter count. Calls to methods the device library implements in IL, or does not have,
    /// are counted apart as "external" (their IL is not metered); a few that compile to nothing worth counting
    /// are <see cref="IsTrivial"/>.
    /// </summary>
    public sealed class NativeMethods
    {
        private readonly HashSet<string> _native = new HashSet<string>();
        private readonly HashSet<string> _managed = new HashSet<string>();

        public NativeMethods(string nanoMscorlibPath)
        {
            using var assembly = AssemblyDefinition.ReadAssembly(nanoMscorlibPath);
            foreach (TypeDefinition type in assembly.MainModule.GetTypes())
            {
                foreach (MethodDefinition method in type.Methods)
                {
                    string key = Key(type.FullName, method.Name, method.Parameters.Count);
                    if (method.IsInternalCall || (method.ImplAttributes & MethodImplAttributes.InternalCall) != 0) _native.Add(key);
                    else _managed.Add(key);
                }
            }
        }

        /// <summary>Where the program expects the nanoFramework mscorlib.</summary>
        public static string DefaultPath => Path.Combine(System.AppContext.BaseDirectory, "nanoFramework", "mscorlib.dll");

        /// <summary>Number of native methods in the device library.</summary>
        public int Count => _native.Count;

        /// <summary>True when the device runs <paramref name="method"/> natively.</summary>
        public bool IsNative(MethodReference method) =>
            _native.Contains(Key(method.DeclaringType.FullName, method.Name, method.Parameters.Count));

        /// <summary>The base constructor every class calls: an empty body on the device.</summary>
        public bool IsTrivial(MethodReference method) =>
            method.DeclaringType.FullName == "System.Object" && method.Name == ".ctor";

        /// <summary>All native method keys of a type, for the documentation line the program prints.</summary>
        public IEnumerable<string> NativeOf(string typeFullName)
        {
            foreach (string key in _native)
            {
                if (key.StartsWith(typeFullName + "::")) yield return key;
            }
        }

        private static string Key(string type, string name, int parameters) => type + "::" + name + "/" + parameters;
    }
}
