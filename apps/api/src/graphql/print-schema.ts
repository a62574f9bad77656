import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { NestFactory } from '@nestjs/core';
import { printSchema as printSdl } from 'graphql';
import { RESOLVERS } from '../app.module.js';
import { withErrorCodes } from './error-code.enum.js';

const HEADER = `# ------------------------------------------------------
# THIS FILE WAS AUTOMATICALLY GENERATED (DO NOT MODIFY)
# ------------------------------------------------------

`;

/** The SDL the API serves, for the console's codegen (apps/api/schema.graphql). */
export async function printSchema(): Promise<string> {
  const app = await NestFactory.create(GraphQLSchemaBuilderModule, { logger: false });
  await app.init();
  try {
    const schema = withErrorCodes(await app.get(GraphQLSchemaFactory).create(RESOLVERS));
    return `${HEADER}${printSdl(schema)}\n`;
  } finally {
    await app.close();
  }
}
