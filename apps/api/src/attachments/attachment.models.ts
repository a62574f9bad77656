import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A file attached to a case (Attachment 2: 可另附页).' })
export class CaseAttachment {
  @Field(() => ID) id!: string;
  @Field({ description: 'The name it was uploaded with.' }) fileName!: string;
  @Field() contentType!: string;
  @Field(() => Int) sizeBytes!: number;
  @Field({ description: 'SHA-256 of the bytes, hexadecimal.' }) sha256!: string;
  @Field() uploadedAt!: Date;
  @Field(() => String, { nullable: true }) uploaderName!: string | null;
  @Field({ description: 'GET with the same bearer token as GraphQL.' }) downloadUrl!: string;
}

@ObjectType({ description: 'What an upload must be, to refuse a file before sending it.' })
export class AttachmentPolicy {
  @Field(() => Int) maxBytes!: number;
  @Field(() => [String], { description: 'Accepted file name extensions, lower case, without the dot.' })
  extensions!: string[];
}
