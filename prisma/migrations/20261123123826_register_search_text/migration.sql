-- AlterTable
ALTER TABLE "Provider" ADD COLUMN     "searchText" TEXT NOT NULL DEFAULT '';

-- The public register's free-text search (issue 6) runs on "searchText": name and city folded
-- to lower case without accents, the same table as normaliseSearchText() in
-- app/domain/register-search.ts (a test checks both agree). A trigger keeps it right for every
-- writer (application form, staff, seed), and the existing rows are backfilled here.
CREATE FUNCTION provider_search_text() RETURNS trigger AS $$
BEGIN
  NEW."searchText" := lower(translate(NEW.name || ' ' || NEW.city, 'àáâãäåèéêëìíîïòóôõöùúûüýÿçñÀÁÂÃÄÅÈÉÊËÌÍÎÏÒÓÔÕÖÙÚÛÜÝŸÇÑ', 'aaaaaaeeeeiiiiooooouuuuyycnaaaaaaeeeeiiiiooooouuuuyycn'));
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER provider_search_text
  BEFORE INSERT OR UPDATE OF name, city ON "Provider"
  FOR EACH ROW EXECUTE FUNCTION provider_search_text();

UPDATE "Provider" SET "searchText" = lower(translate(name || ' ' || city, 'àáâãäåèéêëìíîïòóôõöùúûüýÿçñÀÁÂÃÄÅÈÉÊËÌÍÎÏÒÓÔÕÖÙÚÛÜÝŸÇÑ', 'aaaaaaeeeeiiiiooooouuuuyycnaaaaaaeeeeiiiiooooouuuuyycn'));
