using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace NanoTcp.Compat.Tests
{
    /// <summary>
    /// Reads a compiled assembly and lists what nanoFramework 1.x compiles but cannot run, or runs at a cost the
    /// project does not accept: generic type or method definitions and instantiations (the 1.x metadata processor
    /// rejects them), multi-dimensional arrays, pointer and function-pointer types, volatile fields, the opcodes
    /// nanoCLR rejects (localloc = stackalloc, calli, cpblk, initblk, jmp, arglist, mkrefany, refanytype,
    /// refanyval, ckfinite: nf-interpreter src/CLR/Core/Interpreter.cpp, <c>VerifyUnsupportedInstruction</c>) or
    /// silently runs unchecked (add.ovf/sub.ovf/mul.ovf/conv.ovf: `checked`), and every use of a user-defined
    /// value type (a struct that is not an enum).
    /// </summary>
    /// <remarks>
    /// Why structs: nanoCLR creates a heap object for every local of a value type at each method entry
    /// (nf-interpreter src/CLR/Core/Execution.cpp, <c>InitializeLocals</c>) and clones a struct into a new heap
    /// object whenever its value is loaded, so a struct view allocates on every call where CoreCLR keeps it on the
    /// stack. The rule flags the definition itself, fields, locals, by-value parameters and return values, arrays
    /// of them, and <c>newobj</c>/<c>initobj</c>/<c>box</c> of one. "User-defined" means declared in the scanned
    /// assembly or in a NanoTcp.* assembly beside it; enums are stored as their underlying integer and are fine.
    /// </remarks>
    internal static class NanoFrameworkSubsetScanner
    {
        private static readonly Dictionary<ushort, OpCode> OpCodesByValue = LoadOpCodes();

        private static readonly HashSet<string> UnsupportedOpCodes = new HashSet<string>
        {
            "localloc", "calli", "cpblk", "initblk", "jmp", "arglist", "mkrefany", "refanytype", "refanyval", "ckfinite", "volatile.",
        };

        /// <summary>Every violation found, one readable line each.</summary>
        public static List<string> Scan(string assemblyPath)
        {
            var findings = new List<string>();
            using var stream = File.OpenRead(assemblyPath);
            using var pe = new PEReader(stream);
            MetadataReader md = pe.GetMetadataReader();
            var provider = new ShapeProvider(findings);
            HashSet<string> userStructs = UserStructs(assemblyPath);
            var structs = new StructRule(md, userStructs, findings);

            foreach (TypeDefinitionHandle h in md.TypeDefinitions)
            {
                TypeDefinition type = md.GetTypeDefinition(h);
                string typeName = FullName(md, h);
                if (type.GetGenericParameters().Count > 0) findings.Add("generic type definition " + typeName);
                if (userStructs.Contains(typeName)) findings.Add("struct " + typeName + " is defined (use a class allocated once, or static accessors over byte[] + offset)");

                foreach (FieldDefinitionHandle fh in type.GetFields())
                {
                    FieldDefinition field = md.GetFieldDefinition(fh);
                    provider.Context = typeName + "." + md.GetString(field.Name);
                    structs.Check(provider.Context, "field of struct type", field.DecodeSignature(provider, null));
                }

                foreach (MethodDefinitionHandle mh in type.GetMethods())
                {
                    MethodDefinition method = md.GetMethodDefinition(mh);
                    provider.Context = typeName + "." + md.GetString(method.Name);
                    if (method.GetGenericParameters().Count > 0) findings.Add("generic method definition " + provider.Context);
                    MethodSignature<string> signature = method.DecodeSignature(provider, null);
                    structs.Check(provider.Context, "struct return value", signature.ReturnType);
                    foreach (string parameter in signature.ParameterTypes)
                    {
                        structs.Check(provider.Context, "by-value struct parameter", parameter);
                    }
                    if (method.RelativeVirtualAddress == 0) continue;
                    MethodBodyBlock body = pe.GetMethodBody(method.RelativeVirtualAddress);
                    if (!body.LocalSignature.IsNil)
                    {
                        foreach (string local in md.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(provider, null))
                        {
                            structs.Check(provider.Context, "struct local", local);
                        }
                    }
                    ScanIl(body.GetILBytes(), provider.Context, findings, structs);
                }
            }

            foreach (TypeSpecificationHandle h in EnumerateTypeSpecs(md))
            {
                provider.Context = "type reference";
                md.GetTypeSpecification(h).DecodeSignature(provider, null);
            }

            int methodSpecs = md.GetTableRowCount(TableIndex.MethodSpec);
            if (methodSpecs > 0) findings.Add(methodSpecs + " generic method instantiation(s) (MethodSpec)");
            return findings;
        }

        private static IEnumerable<TypeSpecificationHandle> EnumerateTypeSpecs(MetadataReader md)
        {
            int rows = md.GetTableRowCount(TableIndex.TypeSpec);
            for (int row = 1; row <= rows; row++) yield return MetadataTokens.TypeSpecificationHandle(row);
        }

        private static void ScanIl(byte[] il, string context, List<string> findings, StructRule structs)
        {
            int pc = 0;
            while (pc < il.Length)
            {
                ushort value = il[pc] == 0xFE && pc + 1 < il.Length ? (ushort)(0xFE00 | il[pc + 1]) : il[pc];
                if (!OpCodesByValue.TryGetValue(value, out OpCode op))
                {
                    findings.Add(context + ": undecodable IL at " + pc);
                    return;
                }
                if (UnsupportedOpCodes.Contains(op.Name)) findings.Add(context + ": opcode " + op.Name + " is not supported by nanoCLR");
                if (op.Name.Contains(".ovf")) findings.Add(context + ": checked arithmetic (" + op.Name + ") runs unchecked on nanoCLR");
                if (op.Name == "newobj" || op.Name == "initobj" || op.Name == "box")
                {
                    structs.CheckToken(context, op.Name, BitConverter.ToInt32(il, pc + op.Size));
                }
                pc += op.Size;
                pc += OperandSize(op.OperandType, il, pc);
            }
        }

        private static int OperandSize(OperandType type, byte[] il, int pc)
        {
            switch (type)
            {
                case OperandType.InlineNone: return 0;
                case OperandType.ShortInlineBrTarget:
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar: return 1;
                case OperandType.InlineVar: return 2;
                case OperandType.InlineI8:
                case OperandType.InlineR: return 8;
                case OperandType.InlineSwitch: return 4 + 4 * BitConverter.ToInt32(il, pc);
                default: return 4;
            }
        }

        /// <summary>
        /// Full names of the non-enum value types declared in the assembly and in the NanoTcp.* assemblies beside it
        /// (the project's own code; value types of nanoFramework's libraries are not the project's to change).
        /// </summary>
        private static HashSet<string> UserStructs(string assemblyPath)
        {
            var names = new HashSet<string>();
            var paths = new List<string> { assemblyPath };
            paths.AddRange(Directory.GetFiles(Path.GetDirectoryName(assemblyPath), "NanoTcp.*.dll"));
            foreach (string path in paths)
            {
                using var stream = File.OpenRead(path);
                using var pe = new PEReader(stream);
                if (!pe.HasMetadata) continue;
                MetadataReader md = pe.GetMetadataReader();
                foreach (TypeDefinitionHandle h in md.TypeDefinitions)
                {
                    string name = FullName(md, h);
                    // The compiler's fixed-size blobs behind array initialisers are field RVA data, never instantiated.
                    if (name.StartsWith(".<PrivateImplementationDetails>")) continue;
                    if (BaseTypeName(md, md.GetTypeDefinition(h).BaseType) == "System.ValueType") names.Add(name);
                }
            }
            return names;
        }

        private static string BaseTypeName(MetadataReader md, EntityHandle baseType)
        {
            if (baseType.IsNil) return "";
            if (baseType.Kind == HandleKind.TypeReference) return FullName(md, (TypeReferenceHandle)baseType);
            if (baseType.Kind == HandleKind.TypeDefinition) return FullName(md, (TypeDefinitionHandle)baseType);
            return "";
        }

        /// <summary>Namespace.Outer/Nested, the same for a definition and a reference to it.</summary>
        private static string FullName(MetadataReader md, TypeDefinitionHandle handle)
        {
            TypeDefinition type = md.GetTypeDefinition(handle);
            TypeDefinitionHandle outer = type.GetDeclaringType();
            if (!outer.IsNil) return FullName(md, outer) + "/" + md.GetString(type.Name);
            return md.GetString(type.Namespace) + "." + md.GetString(type.Name);
        }

        private static string FullName(MetadataReader md, TypeReferenceHandle handle)
        {
            TypeReference type = md.GetTypeReference(handle);
            if (type.ResolutionScope.Kind == HandleKind.TypeReference)
            {
                return FullName(md, (TypeReferenceHandle)type.ResolutionScope) + "/" + md.GetString(type.Name);
            }
            return md.GetString(type.Namespace) + "." + md.GetString(type.Name);
        }

        private static Dictionary<ushort, OpCode> LoadOpCodes()
        {
            var map = new Dictionary<ushort, OpCode>();
            foreach (FieldInfo field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                var op = (OpCode)field.GetValue(null);
                map[unchecked((ushort)op.Value)] = op;
            }
            return map;
        }

        /// <summary>Decodes signatures to names, recording every shape nanoFramework cannot run.</summary>
        private sealed class ShapeProvider : ISignatureTypeProvider<string, object>
        {
            private readonly List<string> _findings;

            public ShapeProvider(List<string> findings) => _findings = findings;

            public string Context { get; set; }

            public string GetArrayType(string elementType, ArrayShape shape)
            {
                _findings.Add(Context + ": multi-dimensional array " + elementType + "[" + new string(',', shape.Rank - 1) + "]");
                return elementType + "[,]";
            }

            public string GetByReferenceType(string elementType) => elementType + "&";

            public string GetFunctionPointerType(MethodSignature<string> signature)
            {
                _findings.Add(Context + ": function pointer");
                return "delegate*";
            }

            public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments)
            {
                string name = genericType + "<" + string.Join(",", typeArguments) + ">";
                _findings.Add(Context + ": generic instantiation " + name);
                return name;
            }

            public string GetGenericMethodParameter(object genericContext, int index) => "!!" + index;

            public string GetGenericTypeParameter(object genericContext, int index) => "!" + index;

            public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired)
            {
                if (modifier.EndsWith("IsVolatile")) _findings.Add(Context + ": volatile field");
                return unmodifiedType;
            }

            public string GetPinnedType(string elementType)
            {
                _findings.Add(Context + ": pinned local (fixed)");
                return elementType;
            }

            public string GetPointerType(string elementType)
            {
                _findings.Add(Context + ": pointer type " + elementType + "*");
                return elementType + "*";
            }

            public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();

            public string GetSZArrayType(string elementType) => elementType + "[]";

            public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) =>
                FullName(reader, handle);

            public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) =>
                FullName(reader, handle);

            public string GetTypeFromSpecification(MetadataReader reader, object genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
                reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
        }

        /// <summary>Records each use of a user-defined struct, with what the use is and where.</summary>
        private sealed class StructRule
        {
            private readonly MetadataReader _md;
            private readonly HashSet<string> _structs;
            private readonly List<string> _findings;

            public StructRule(MetadataReader md, HashSet<string> structs, List<string> findings)
            {
                _md = md;
                _structs = structs;
                _findings = findings;
            }

            /// <summary>Flags <paramref name="type"/> (a decoded signature type) when it is a user struct or an array of one.</summary>
            public void Check(string context, string what, string type)
            {
                string element = type;
                while (element.EndsWith("[]")) element = element.Substring(0, element.Length - 2);
                if (!_structs.Contains(element)) return;
                _findings.Add(context + ": " + (element == type ? what : "array of struct") + " " + type);
            }

            /// <summary>Flags the struct a newobj (constructor), initobj or box (type) operand names.</summary>
            public void CheckToken(string context, string opcode, int token)
            {
                EntityHandle handle = MetadataTokens.EntityHandle(token);
                string type = TypeOf(handle);
                if (type != null && _structs.Contains(type)) _findings.Add(context + ": " + opcode + " of struct " + type);
            }

            private string TypeOf(EntityHandle handle)
            {
                switch (handle.Kind)
                {
                    case HandleKind.TypeDefinition: return FullName(_md, (TypeDefinitionHandle)handle);
                    case HandleKind.TypeReference: return FullName(_md, (TypeReferenceHandle)handle);
                    case HandleKind.MethodDefinition:
                        return FullName(_md, _md.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType());
                    case HandleKind.MemberReference:
                        EntityHandle parent = _md.GetMemberReference((MemberReferenceHandle)handle).Parent;
                        return parent.Kind == HandleKind.MethodDefinition || parent.Kind == HandleKind.MemberReference ? null : TypeOf(parent);
                    default: return null;
                }
            }
        }
    }
}
