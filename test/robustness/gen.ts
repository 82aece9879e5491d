// Generators of large, realistic inputs (CloudFormation, Kubernetes) for the benchmark and the robustness tests:
// deterministic, so every run measures the same text. Terraform inputs (plans, buckets, HCL) are made by
// scripts/gen-terraform.ts, repositories of many files by scripts/gen-repo.ts.

/** The resource snippets of a generated template, each a function of its index (every one trips or passes some rule). */
const CFN_RESOURCES: ((i: number) => string)[] = [
  (i) => `  Bucket${i}:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "\${AWS::StackName}-assets-${i}"
      AccessControl: ${i % 3 === 0 ? 'PublicRead' : 'Private'}
      VersioningConfiguration:
        Status: ${i % 2 ? 'Enabled' : 'Suspended'}
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: ${i % 4 === 0 ? 'false' : 'true'}
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: aws:kms
              KMSMasterKeyID: !Ref Key${i}
      Tags:
        - Key: team
          Value: platform-${i}
`,
  (i) => `  Key${i}:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: ${i % 5 === 0 ? 'false' : 'true'}
      KeyPolicy:
        Version: "2012-10-17"
        Statement:
          - Sid: Admin
            Effect: Allow
            Principal:
              AWS: !Sub "arn:aws:iam::\${AWS::AccountId}:root"
            Action: "kms:*"
            Resource: "*"
`,
  (i) => `  BucketPolicy${i}:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket${i}
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: ${i % 3 === 0 ? '"*"' : '{ AWS: !GetAtt Role' + i + '.Arn }'}
            Action:
              - s3:GetObject
            Resource: !Sub "arn:aws:s3:::\${Bucket${i}}/*"
`,
  (i) => `  WebSg${i}:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web tier ${i}
      VpcId: !Ref VpcId
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 443
          ToPort: 443
          CidrIp: 0.0.0.0/0
        - IpProtocol: tcp
          FromPort: ${i % 2 ? 22 : 8080}
          ToPort: ${i % 2 ? 22 : 8080}
          CidrIp: !Ref AdminCidr
        - IpProtocol: tcp
          FromPort: 5432
          ToPort: 5432
          SourceSecurityGroupId: !GetAtt AppSg.GroupId
`,
  (i) => `  Database${i}:
    Type: AWS::RDS::DBInstance
    DeletionPolicy: Snapshot
    Properties:
      Engine: postgres
      EngineVersion: "15.4"
      DBInstanceClass: db.t4g.micro
      AllocatedStorage: "20"
      MasterUsername: app
      MasterUserPassword: !Ref DbPassword
      PubliclyAccessible: !If [IsDev, true, false]
      StorageEncrypted: ${i % 3 === 0 ? 'false' : 'true'}
      BackupRetentionPeriod: ${i % 4}
      DeletionProtection: true
      AutoMinorVersionUpgrade: true
      EnableCloudwatchLogsExports:
        - postgresql
      VPCSecurityGroups:
        - !GetAtt WebSg${i}.GroupId
`,
  (i) => `  Role${i}:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service: lambda.amazonaws.com
            Action: sts:AssumeRole
      Policies:
        - PolicyName: app-${i}
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action:
                  - ${i % 4 === 0 ? '"*"' : 's3:GetObject'}
                  - logs:PutLogEvents
                Resource: "*"
              - Effect: Allow
                Action: iam:PassRole
                Resource: ${i % 2 ? '"*"' : '!GetAtt Role0.Arn'}
`,
  (i) => `  Function${i}:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: ${i % 3 === 0 ? 'python3.7' : 'python3.12'}
      Handler: index.handler
      Role: !GetAtt Role${i}.Arn
      Code:
        ZipFile: |
          import os
          def handler(event, context):
              return {"statusCode": 200, "body": os.environ.get("STAGE", "dev")}
      Environment:
        Variables:
          STAGE: prod
          ${i % 5 === 0 ? 'API_SECRET_KEY: hunter2-not-a-real-secret' : 'LOG_LEVEL: info'}
      TracingConfig:
        Mode: Active
`,
  (i) => `  Instance${i}:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: !FindInMap [RegionMap, !Ref "AWS::Region", AMI]
      InstanceType: t3.micro
      SubnetId: !Select [0, !Split [",", !ImportValue shared-subnets]]
      MetadataOptions:
        HttpTokens: ${i % 2 ? 'required' : 'optional'}
      NetworkInterfaces:
        - DeviceIndex: "0"
          AssociatePublicIpAddress: ${i % 3 === 0}
          SubnetId: !Ref SubnetId
      BlockDeviceMappings:
        - DeviceName: /dev/xvda
          Ebs:
            VolumeSize: 20
            Encrypted: ${i % 2 === 0}
      UserData:
        Fn::Base64: !Sub |
          #!/bin/bash
          yum update -y
          echo "stack \${AWS::StackName} instance ${i}" > /etc/motd
`,
  (i) => `  Queue${i}:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Join ["-", [!Ref "AWS::StackName", queue, "${i}"]]
      ${i % 2 ? 'KmsMasterKeyId: !Ref Key' + i : 'MessageRetentionPeriod: 345600'}
  Topic${i}:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: topic-${i}
      ${i % 3 ? 'KmsMasterKeyId: alias/aws/sns' : 'DisplayName: Topic ' + i}
`,
  (i) => `  Table${i}:
    Type: AWS::DynamoDB::Table
    Condition: ${i % 2 ? 'IsProd' : 'IsDev'}
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - AttributeName: pk
          AttributeType: S
      KeySchema:
        - AttributeName: pk
          KeyType: HASH
      PointInTimeRecoverySpecification:
        PointInTimeRecoveryEnabled: ${i % 2 ? 'true' : 'false'}
  LogGroup${i}:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: 30
`,
  (i) => `  Trail${i}:
    Type: AWS::CloudTrail::Trail
    Metadata:
      cloudline:
        suppress:
          - rule: CL-AWS-017
            reason: trail encryption is handled by the organisation trail
    Properties:
      IsLogging: true
      S3BucketName: !Ref Bucket${i}
      IsMultiRegionTrail: ${i % 2 === 0}
      EnableLogFileValidation: true
`,
  (i) => `  Task${i}:
    Type: AWS::ECS::TaskDefinition
    Properties:
      RequiresCompatibilities: [FARGATE]
      Cpu: "256"
      Memory: "512"
      ContainerDefinitions:
        - Name: app
          Image: public.ecr.aws/nginx/nginx:1.25
          Privileged: ${i % 4 === 0}
          User: ${i % 2 ? '"0"' : '"1000"'}
          Environment:
            - Name: DB_PASSWORD
              Value: ${i % 3 === 0 ? 'plaintext-password' : '!Ref DbPassword'}
          PortMappings:
            - ContainerPort: 80
`,
];

const CFN_HEAD = `AWSTemplateFormatVersion: "2010-09-09"
Description: Generated benchmark template (Cloudline robustness suite).
Parameters:
  Env:
    Type: String
    AllowedValues: [dev, prod]
    Default: dev
  DbPassword:
    Type: String
    NoEcho: true
  AdminCidr:
    Type: String
    Default: 0.0.0.0/0
  VpcId:
    Type: AWS::EC2::VPC::Id
  SubnetId:
    Type: AWS::EC2::Subnet::Id
Mappings:
  RegionMap:
    us-east-1:
      AMI: ami-0123456789abcdef0
    eu-west-1:
      AMI: ami-0fedcba9876543210
Conditions:
  IsDev: !Equals [!Ref Env, dev]
  IsProd: !Not [!Condition IsDev]
Resources:
  AppSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app tier
      VpcId: !Ref VpcId
`;

const CFN_TAIL = `Outputs:
  FirstBucket:
    Value: !Ref Bucket0
    Export:
      Name: !Sub "\${AWS::StackName}-bucket"
`;

/** A CloudFormation YAML template of about `lines` lines, with many resource types, intrinsics and conditions. */
export function genCloudFormation(lines = 5000): string {
  const parts = [CFN_HEAD];
  let count = CFN_HEAD.split('\n').length + CFN_TAIL.split('\n').length;
  for (let i = 0; count < lines; i++) {
    const snippet = CFN_RESOURCES[i % CFN_RESOURCES.length](Math.floor(i / CFN_RESOURCES.length) * CFN_RESOURCES.length + (i % CFN_RESOURCES.length));
    parts.push(snippet);
    count += snippet.split('\n').length - 1;
  }
  parts.push(CFN_TAIL);
  return parts.join('');
}

const K8S_DOCS: ((i: number) => string)[] = [
  (i) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-${i}
  namespace: team-${i % 7}
  labels:
    app: web-${i}
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web-${i}
  template:
    metadata:
      labels:
        app: web-${i}
    spec:
      serviceAccountName: web
      automountServiceAccountToken: false
      securityContext:
        runAsNonRoot: true
        seccompProfile:
          type: RuntimeDefault
      containers:
        - name: web
          image: registry.example.com/web:${i % 3 === 0 ? 'latest' : '1.4.' + i}
          imagePullPolicy: IfNotPresent
          ports:
            - containerPort: 8080
          env:
            - name: STAGE
              value: prod
            - name: DB_PASSWORD
              ${i % 4 === 0 ? 'value: hunter2' : 'valueFrom:\n                secretKeyRef:\n                  name: db\n                  key: password'}
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              ${i % 5 === 0 ? '' : 'cpu: 500m\n              '}memory: 256Mi
          securityContext:
            allowPrivilegeEscalation: ${i % 6 === 0}
            readOnlyRootFilesystem: true
            privileged: ${i % 11 === 0}
            capabilities:
              drop: [ALL]
`,
  (i) => `apiVersion: v1
kind: Service
metadata:
  name: web-${i}
  namespace: team-${i % 7}
spec:
  type: ${i % 4 === 0 ? 'NodePort' : 'ClusterIP'}
  selector:
    app: web-${i}
  ports:
    - port: 80
      targetPort: 8080
`,
  (i) => `apiVersion: batch/v1
kind: CronJob
metadata:
  name: report-${i}
  namespace: team-${i % 7}
spec:
  schedule: "*/5 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          hostNetwork: ${i % 9 === 0}
          restartPolicy: OnFailure
          containers:
            - name: report
              image: busybox@sha256:${'ab'.repeat(32)}
              command: ["sh", "-c", "date; echo report ${i}"]
              volumeMounts:
                - name: host
                  mountPath: /host
          volumes:
            - name: host
              hostPath:
                path: ${i % 2 ? '/var/log' : '/var/run/docker.sock'}
`,
  (i) => `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: reader-${i}
  namespace: team-${i % 7}
rules:
  - apiGroups: [""]
    resources: [${i % 3 === 0 ? 'secrets' : 'configmaps'}, pods]
    verbs: [get, list, watch]
  - apiGroups: ["apps"]
    resources: ["deployments"]
    verbs: [${i % 5 === 0 ? '"*"' : 'get'}]
`,
  (i) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-${i}
  namespace: team-${i % 7}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
`,
];

/** A Kubernetes file of `docs` documents separated by `---`. */
export function genKubernetes(docs = 300): string {
  const out: string[] = [];
  for (let i = 0; i < docs; i++) out.push(K8S_DOCS[i % K8S_DOCS.length](i));
  return out.join('---\n');
}
