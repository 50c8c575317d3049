using System.Collections.Generic;

namespace Infra.Policies.Tests.Rules;

/// <summary>Raw-template fixtures of the Lambda rules.</summary>
public static class LambdaRuleFixtures
{
    public static IEnumerable<RuleFixture> All =>
    [
        RuleFixture.Compliant("INFRA-LAMBDA-1", "functions on allowed runtimes", """
            {
              "A": { "Type": "AWS::Lambda::Function", "Properties": { "Runtime": "nodejs24.x", "Handler": "index.handler" } },
              "B": { "Type": "AWS::Lambda::Function", "Properties": { "Runtime": "python3.13", "Handler": "app.handler" } },
              "C": { "Type": "AWS::Lambda::Function", "Properties": { "Runtime": "java8.al2", "Handler": "App::handle" } },
              "D": { "Type": "AWS::Lambda::Function", "Properties": { "Runtime": "provided.al2023", "Handler": "bootstrap" } }
            }
            """),
        RuleFixture.Compliant("INFRA-LAMBDA-1", "a container-image function without a runtime", """
            { "F": { "Type": "AWS::Lambda::Function", "Properties": { "PackageType": "Image", "Code": { "ImageUri": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1" } } } }
            """),
        RuleFixture.Compliant("INFRA-LAMBDA-1", "a runtime that is a parameter", """
            { "F": { "Type": "AWS::Lambda::Function", "Properties": { "Runtime": { "Ref": "Runtime" } } } }
            """),
        RuleFixture.NonCompliant("INFRA-LAMBDA-1", "CDK's nodejs20.x provider handler", """
            { "F": { "Type": "AWS::Lambda::Function", "Properties": { "Runtime": "nodejs20.x", "Handler": "__entrypoint__.handler" } } }
            """, "Runtime is nodejs20.x, which is deprecated or reaches deprecation by 2027-02; set it to nodejs24.x."),
        RuleFixture.NonCompliant("INFRA-LAMBDA-1", "deprecated Python, Java 8 and Go runtimes", """
            {
              "P": { "Type": "AWS::Lambda::Function", "Properties": { "Runtime": "python3.9" } },
              "J": { "Type": "AWS::Lambda::Function", "Properties": { "Runtime": "java8" } },
              "G": { "Type": "AWS::Lambda::Function", "Properties": { "Runtime": "go1.x" } },
              "D": { "Type": "AWS::Lambda::Function", "Properties": { "Runtime": "dotnet6" } }
            }
            """,
            "Runtime is python3.9, which is deprecated or reaches deprecation by 2027-02; set it to python3.13.",
            "Runtime is java8, which is deprecated or reaches deprecation by 2027-02; set it to java21 (or java8.al2 to stay on Java 8).",
            "Runtime is go1.x, which is deprecated or reaches deprecation by 2027-02; set it to provided.al2023 (a Go bootstrap binary).",
            "Runtime is dotnet6, which is deprecated or reaches deprecation by 2027-02; set it to dotnet10."),
        RuleFixture.NonCompliant("INFRA-LAMBDA-1", "an unknown runtime", """
            { "F": { "Type": "AWS::Lambda::Function", "Properties": { "Runtime": "nodejs26.x" } } }
            """, "Runtime is nodejs26.x, which is not in the allowed list (nodejs22.x, nodejs24.x, python3.10, python3.11, python3.12, python3.13, python3.14, java8.al2, java11, java17, java21, java25, dotnet8, dotnet10, ruby3.3, ruby3.4, provided.al2, provided.al2023); set it to one of them."),
    ];
}
