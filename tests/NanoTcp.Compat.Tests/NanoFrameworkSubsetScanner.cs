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
    /// Reads a compiled assembly and lists what nanoFramework 1.x compiles but cannot run
    /// (nanoframework/nanoframework.github.io: content/architecture/simplifications-and-trade-offs.md; nanoframework/nf-interpreter: src/CLR/Core/Interpreter.cpp): generic type or method definitions and instantiations,
    /// multi-dimensional arrays, pointer and function-pointer types, volatile fields, and the opcodes
    /// nanoCLR rejects (localloc = stackalloc, calli, cpblk, initblk, jmp, arglist, mkrefany, refanytype,
    /// refanyval, ckfinite) or silently runs unchecked (add.ovf/sub.ovf/mul.ovf/conv.ovf: `checked`).
    /// </summary>
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

            foreach (TypeDefinitionHandle h in md.TypeDefinitions)
            {
                TypeDefinition type = md.GetTypeDefinition(h);
                string typeName = md.GetString(type.Namespace) + "." + md.GetString(type.Name);
                if (type.GetGenericParameters().Count > 0) findings.Add("generic type definition " + typeName);

                foreach (FieldDefinitionHandle fh in type.GetFields())
                {
                    FieldDefinition field = md.GetFieldDefinition(fh);
                    provider.Context = typeName + "." + md.GetString(field.Name);
                    field.DecodeSignature(provider, null);
                }

                foreach (MethodDefinitionHandle mh in type.GetMethods())
                {
                    MethodDefinition method = md.GetMethodDefinition(mh);
                    provider.Context = typeName + "." + md.GetString(method.Name);
                    if (method.GetGenericParameters().Count > 0) findings.Add("generic method definition " + provider.Context);
                    method.DecodeSignature(provider, null);
                    if (method.RelativeVirtualAddress == 0) continue;
                    MethodBodyBlock body = pe.GetMethodBody(method.RelativeVirtualAddress);
                    if (!body.LocalSignature.IsNil)
                    {
                        md.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(provider, null);
                    }
                    ScanIl(body.GetILBytes(), provider.Context, findings);
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

        private static void ScanIl(byte[] il, string context, List<string> findings)
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
                reader.GetString(reader.GetTypeDefinition(handle).Name);

            public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
            {
                TypeReference reference = reader.GetTypeReference(handle);
                return reader.GetString(reference.Namespace) + "." + reader.GetString(reference.Name);
            }

            public string GetTypeFromSpecification(MetadataReader reader, object genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
                reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
        }
    }
}
